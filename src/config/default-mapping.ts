/**
 * Default column-mapping vocabulary (SPEC §2.1), read by the config schema as the defaults of its mapping keys.
 * Synonyms are listed most preferred first: when a file has both `Account Name` and `Name`, `Account Name` wins.
 * Synonyms of different fields never normalise to the same key (a unit test checks).
 */
import type { MappingRules } from '../core/column-mapping.js';

export const DEFAULT_MAPPING_RULES: MappingRules = {
  synonyms: {
    // `Account Number` is deliberately absent: in Salesforce it is a free-text field, often blank or shared,
    // and blank or repeated ids would reject rows (SPEC §2). Map it with --col when it really is the key.
    account_id: [
      'Account ID',
      'Id',
      'Account ID (18)',
      '18 Digit Account ID',
      'Case Safe ID',
      'Acct ID',
      'Account Record ID',
      'Record ID',
      'Salesforce ID',
      'SFDC ID',
      'External Id',
      'Customer ID',
      'Company ID',
    ],
    account_name: [
      'Account Name',
      'Company Name',
      'Company',
      'Customer Name',
      'Customer',
      'Name',
      'Employer Name',
      'Employer',
      'Organization Name',
      'Organisation Name',
      'Organization',
      'Organisation',
      'Business Name',
      'Legal Name',
      'Client Name',
      'Client',
      'Account',
      // Facility lists name each site (the public Chicago childcare data set has `Site name` and `Program Name`).
      'Site Name',
    ],
    parent_account_id: ['Parent Account ID', 'ParentId', 'Parent ID', 'Parent Account ID (18)', 'Parent Record ID'],
    created_date: [
      'Created Date',
      'CreatedDate',
      'Created On',
      'Created',
      'Date Created',
      'Created At',
      'Creation Date',
      'Create Date',
    ],
    relationship: ['Relationship', 'Relationship Type', 'Relationship to Client', 'Employer Relationship'],
    owner: ['Account Owner', 'Owner', 'Owner Name', 'Account Owner Name', 'Owner ID'],
    address: [
      'Billing Street',
      'Billing Address',
      'Address',
      'Street',
      'Street Address',
      'Address Line 1',
      'Shipping Street',
      'Mailing Street',
    ],
    country: ['Billing Country', 'Country', 'Billing Country Code', 'Country Code', 'Shipping Country'],
    website: ['Website', 'Web Site', 'URL', 'Web', 'Homepage', 'Domain'],
    phone: ['Phone', 'Phone Number', 'Main Phone', 'Business Phone', 'Telephone', 'Tel'],
  },
  heuristics: {
    account_name: {
      words: ['name', 'company', 'employer', 'organization', 'organisation', 'business', 'firm'],
      // A parent's, a DBA or another object's name is not the account's own name.
      skip: ['parent', 'dba', 'product', 'campaign', 'opportunity', 'domain', 'file', 'sheet', 'record type'],
    },
    account_id: {
      words: ['id', 'identifier', 'uuid', 'guid'],
      // Ids of other objects and government/registry numbers: not the record's identity in this CRM.
      skip: ['parent', 'master', 'record type', 'tax', 'vat', 'ein', 'fein', 'duns', 'ssn'],
    },
  },
  // `person` is not listed: the public patent data set's company column is `person_name` (patent applicants).
  personAuditPatterns: [
    'owner',
    'created by',
    'modified by',
    'last modified by',
    'updated by',
    'full name',
    'first name',
    'last name',
    'middle name',
    'given name',
    'family name',
    'surname',
    'nickname',
    'salutation',
    'contact',
    'user',
    'username',
    'employee',
    'assigned to',
    'rep',
    'manager',
    'director',
    'attorney',
    'agent',
    'email',
  ],
};
