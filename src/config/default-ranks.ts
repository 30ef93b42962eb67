/**
 * Default relationship rank table (SPEC §8 rule 2: lowest rank wins the primary). The `relationship` field says
 * where the intake team saw the employer's name; the more official the document, the better the spelling is
 * likely to be, so payroll and tax documents rank first and hearsay last. Matched trimmed and case-insensitively
 * (`relationshipRank` in core/survivorship). The zod schema references this data as its default.
 */
/** relationship value → rank (the shape of `survivorship.relationship_ranks`). */
export const DEFAULT_RELATIONSHIP_RANKS: Readonly<Record<string, number>> = {
  // Payroll and tax documents: the legal employer name, printed by the employer's own systems.
  'Company Name on Paystubs': 10,
  'Company Name on W-2': 10,
  'Company Name on 1099': 15,
  // Signed employment documents: written by the employer, not always with the legal entity name.
  'Company Name on Offer Letter': 20,
  'Company Name on Employment Agreement': 20,
  'Company Name on Termination Letter': 25,
  'Company Name on Business Card': 30,
  'Company Website': 30,
  // Third parties: a staffing agency or parent company is a real company, but often not the one on the claim.
  'Staffing Agency': 40,
  'Parent Company': 45,
  // What the client remembers or says: least reliable spelling.
  'Client Stated': 50,
  'Other/Miscellaneous': 60,
};

/** Rank of a relationship value not in the table, or empty (SPEC §8: unknown 60). */
export const DEFAULT_UNKNOWN_RELATIONSHIP_RANK = 60;
