import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { buildKeyTokens } from '../../src/core/key-tokens.js';
import { PairComparer } from '../../src/core/match/compare.js';
import { numberedSiblings } from '../../src/core/match/conflict.js';
import { boundedOsa, indelDistance } from '../../src/core/match/edit-distance.js';
import { FEATURE_COUNT, FEATURE_NAMES, levelName } from '../../src/core/match/features.js';
import { compileMatchModel, matchWeight, scoreOfProbability } from '../../src/core/match/match-model.js';
import { buildMatchTable, isNumberToken, knownSpellingsOf, type MatchTable } from '../../src/core/match/match-table.js';
import { matchOptions } from '../../src/pipeline/score.js';

// The shipped comparer thresholds (config `matching.comparison` defaults).
const OPTIONS = matchOptions(parseConfig({}, 'defaults')).comparison;
const ACRONYM_DOMINANCE = parseConfig({}, 'defaults').matching.comparison.acronym_dominance;

/** The match table of keys written `core×records`, a suffix after `|`. */
function specTable(
  specs: readonly string[],
  aliases: string[][] = [],
  knownSpellings: [string, string][] = [],
): MatchTable {
  const cores: string[] = [];
  const suffixes: string[] = [];
  const records: number[] = [];
  for (const spec of specs) {
    const [text, suffix = 'NONE'] = spec.split('|') as [string, string?];
    const m = /^(.*)×(\d+)$/.exec(text);
    cores.push(m === null ? text : (m[1] as string));
    records.push(m === null ? 1 : Number(m[2]));
    suffixes.push(suffix);
  }
  return tableOf(cores, suffixes, records, aliases, knownSpellings);
}

/** Levels of pair (first, second) among keys written `core×records`; a suffix after `|`. */
function levelsOf(
  specs: readonly string[],
  aliases: string[][] = [],
  knownSpellings: [string, string][] = [],
  tokenSet = 90,
): Record<string, string> {
  const table = specTable(specs, aliases, knownSpellings);
  const out = new Uint8Array(FEATURE_COUNT);
  new PairComparer(table, OPTIONS).compare(0, 1, tokenSet, out, 0);
  return Object.fromEntries(FEATURE_NAMES.map((f, i) => [f, levelName(i, out[i] as number)]));
}

/** The match table of keys `cores` (with their suffix classes and record counts) under the test's word lists. */
function tableOf(
  cores: readonly string[],
  suffixes: readonly string[],
  records: readonly number[],
  aliases: string[][] = [],
  knownSpellings: [string, string][] = [],
): MatchTable {
  const tokens = buildKeyTokens(cores, { tokenRewrites: {}, weakTokens: ['the', 'and', 'of'] });
  return buildMatchTable({
    tokens,
    keySuffix: suffixes,
    keyRecords: Int32Array.from(records),
    // Keys of one core differ by legal form only.
    keyCoreId: Int32Array.from(cores, (core) => cores.indexOf(core)),
    genericTokens: ['company', 'services', 'group'],
    placeTokens: ['dubuque', 'danville', 'mesa', 'chicago'],
    placeRuns: [
      ['santa', 'cruz'],
      ['port', 'saint', 'lucie'],
    ],
    singularTokens: ['holding', 'service', 'company'],
    numberWords: ['four', 'seven'],
    aliasCores: aliases,
    knownSpellings,
    suffixEquivalence: [['INC', 'CORP']],
    noSuffix: 'NONE',
    acronyms: { minLength: OPTIONS.acronymMinLength, dominance: ACRONYM_DOMINANCE },
  });
}

describe('alignment', () => {
  test('a rare spelling one edit from a frequent one is a typo of it', () => {
    assert.equal(levelsOf(['target×40', 'targget']).alignment, 'typo_rare_to_common');
    assert.equal(levelsOf(['walmrt', 'walmart×900']).alignment, 'typo_rare_to_common');
  });
  test('two similar spellings of similar frequency are two companies', () => {
    const l = levelsOf(['green seafood×15', 'greene seafood×15']);
    assert.equal(l.alignment, 'typo_similar_frequency');
    assert.equal(l.remainder, 'none');
  });
  test('a word common across the file is no typo of a rarer one when the two names are about as frequent', () => {
    // `smith` is in many names, `smyth` in few; but `smyth heating` ×21 beside `smith heating` ×24 is another company.
    const others = ['smith construction×40', 'smith and sons×30'];
    assert.equal(levelsOf(['smyth heating×21', 'smith heating×24', ...others]).alignment, 'typo_similar_frequency');
    assert.equal(levelsOf(['smith heating×24', 'smyth heating×21', ...others]).alignment, 'typo_similar_frequency');
    // A misspelling intake repeats is still a typo of a far more frequent name, and of a name seen once or twice.
    assert.equal(levelsOf(['smyth heating×3', 'smith heating×24', ...others]).alignment, 'typo_rare_to_common');
    assert.equal(levelsOf(['smyth heating×2', 'smith heating×5', ...others]).alignment, 'typo_rare_to_common');
    assert.equal(levelsOf(['smyth heating×5', 'smith heating×2', ...others]).alignment, 'typo_rare_to_common');
  });
  test('a direction written as its letter faces its word anywhere in the name (`first n star` / `first north star`)', () => {
    const l = levelsOf(['first north star financial×18', 'first n star financial×13']);
    assert.equal(l.alignment, 'exact');
    assert.equal(l.remainder, 'none');
    // Only its own direction: `s` is no initial of `sunset`.
    assert.equal(levelsOf(['taqueria sunset hill×9', 'taqueria s hill×9']).remainder, 'both_sides');
  });
  test('`st` faces `saint` (`St. Louis Staffing` / `Saint Louis Staffing`), and only it', () => {
    const l = levelsOf(['saint louis staffing×6', 'st louis staffing×18']);
    assert.deepEqual([l.alignment, l.remainder], ['exact', 'none']);
    assert.equal(levelsOf(['st algue×20', 'saint algue×27']).remainder, 'none');
    // Not a street, nor any other word: `st` stays itself.
    assert.equal(levelsOf(['st louis staffing×18', 'street louis staffing×6']).remainder, 'both_sides');
  });
  test('two spellings each seen once or twice', () => {
    assert.equal(levelsOf(['hartley owens pruitt×2', 'hartley owens pruit']).alignment, 'typo_both_rare');
  });
  test('a spelling seen once beside a word seen three times: no frequency either way, not two companies', () => {
    // `pizza` is in two other names; `pizzza` once says nothing of a second company.
    const others = ['pizza hut', 'pizza palace'];
    assert.equal(levelsOf(['premier star pizzza', 'premier star pizza', ...others]).alignment, 'typo_both_rare');
    // Seen twice beside three times is still about as frequent.
    assert.equal(
      levelsOf(['premier star pizzza×2', 'premier star pizza', 'pizza hut×2', ...others]).alignment,
      'typo_similar_frequency',
    );
  });
  test('a short word is a typo only of a far more frequent spelling', () => {
    assert.equal(levelsOf(['jacck in the box', 'jack in the box×40']).alignment, 'typo_rare_to_common');
    assert.equal(levelsOf(['tco bell', 'taco bell×30']).alignment, 'typo_rare_to_common');
    assert.equal(levelsOf(['jacck in the box×3', 'jack in the box×3']).remainder, 'both_sides');
  });
  test('a misspelt plural is a typo of the singular the rewrites make of the right spelling', () => {
    assert.equal(levelsOf(['raynor holding×17', 'raynor holldings']).alignment, 'typo_rare_to_common');
    assert.equal(
      levelsOf(['bradlys cleaning service×20', 'bradlys cleaning serices']).alignment,
      'typo_rare_to_common',
    );
  });
  test('… not of any word ending one letter short (`morales` / `moral`)', () => {
    assert.equal(levelsOf(['moral farms×20', 'morales farms']).remainder, 'both_sides');
  });
  test('a three-letter word is a typo only of a spelling held by 50 times the records', () => {
    assert.equal(levelsOf(['pizza htu', 'pizza hut×60']).alignment, 'typo_rare_to_common');
    assert.equal(levelsOf(['abd staffing', 'abc staffing×20']).remainder, 'both_sides');
  });
  test('… or beside a rare word both names share, when it is their only difference and far rarer (`diamond br kia`)', () => {
    assert.equal(levelsOf(['diamond br kia', 'diamond bar kia×13']).alignment, 'typo_rare_to_common');
    assert.equal(levelsOf(['missoula kai', 'missoula kia×18']).alignment, 'typo_rare_to_common');
    // Not at similar counts, not as a name's first word (initials lead a trade: `fxz auto sales` / `fxi auto sales`),
    // not with another difference.
    assert.equal(levelsOf(['diamond br kia×4', 'diamond bar kia×13']).remainder, 'both_sides');
    assert.equal(levelsOf(['fxi auto sales', 'fxz auto sales×20']).remainder, 'both_sides');
    assert.equal(levelsOf(['diamond br kia motors', 'diamond bar kia×13']).alignment, 'exact');
  });
  test('… but two letters of a three-letter word swapped at 4× (`usp` / `ups`, `pizza htu` / `pizza hut`)', () => {
    assert.equal(levelsOf(['usp×2', 'ups×9']).alignment, 'typo_rare_to_common');
    assert.equal(levelsOf(['pizza htu×2', 'pizza hut×9']).alignment, 'typo_rare_to_common');
    // A letter changed still needs 50× (`abc` / `abd`), and a swap of similar counts is two names.
    assert.equal(levelsOf(['abd staffing', 'abc staffing×9']).remainder, 'both_sides');
    assert.equal(levelsOf(['acb staffing×3', 'abc staffing×9']).remainder, 'both_sides');
  });
  test('short words of similar frequency are never typos of each other', () => {
    const l = levelsOf(['abc staffing×3', 'abd staffing×3']);
    assert.equal(l.alignment, 'exact');
    assert.equal(l.remainder, 'both_sides');
  });
  test('letters swapped count as one edit', () => {
    assert.equal(levelsOf(['microsoft×10', 'microsfot']).alignment, 'typo_rare_to_common');
  });
  test('one word written as two, either way round', () => {
    assert.equal(levelsOf(['wal mart', 'walmart×9']).alignment, 'joined');
    assert.equal(levelsOf(['homedepot', 'home depot×3']).alignment, 'joined');
  });
  test('a plural run into the word before it meets its singular rewrite (`cleaningservices` / `cleaning service`)', () => {
    // The token rewrites make `services` `service`; the joined word keeps the plural.
    const l = levelsOf(['veum cleaningservices', 'veum cleaning service×14']);
    assert.equal(l.alignment, 'joined');
    assert.equal(l.remainder, 'none');
    // …and `-ies` for `-y` (`tjxcompanies` / `tjx company`).
    const ies = levelsOf(['tjxcompanies', 'tjx company×40']);
    assert.deepEqual([ies.alignment, ies.remainder], ['joined', 'none']);
    // Only a singular the rewrites made: `group` was never `groups`.
    assert.equal(levelsOf(['veum cleaninggroups', 'veum cleaning group×14']).remainder, 'both_sides');
  });
  test('a word with `the`, `of` or `and` run into it (`thehome depot`, `bmwof knoxville`)', () => {
    for (const [slip, right] of [
      ['thehome depot', 'home depot×40'],
      ['bmwof knoxville', 'bmw of knoxville×18'],
      ['city ofhenry', 'city of henry×20'],
      ['crooks andolson', 'crooks and olson×9'],
    ] as const) {
      const l = levelsOf([slip, right]);
      assert.equal(l.alignment, 'joined', slip);
      assert.equal(l.remainder, 'none', slip);
    }
  });
  test('… not a word that starts with one and is about as common (`often` / `ten`), nor `in` (`inland`)', () => {
    assert.equal(levelsOf(['often cleaners×20', 'ten cleaners×20']).remainder, 'both_sides');
    assert.equal(levelsOf(['inland plumbing', 'land plumbing×20']).remainder, 'both_sides');
  });
  test('one word written as two with a typo in it (`garcuasalon` / `garcia salon`)', () => {
    const l = levelsOf(['garcuasalon', 'garcia salon×24']);
    assert.equal(l.alignment, 'typo_rare_to_common');
    assert.equal(l.remainder, 'none');
    assert.equal(levelsOf(['bostnopizza', 'boston pizza×8']).alignment, 'typo_rare_to_common');
  });
  test('… only long words, far rarer than the two, first and last letters kept', () => {
    assert.equal(levelsOf(['garcuasalon×10', 'garcia salon×24']).remainder, 'both_sides');
    assert.equal(levelsOf(['xarciasalon', 'garcia salon×24']).remainder, 'both_sides');
    assert.equal(levelsOf(['abcdex', 'abc dez×40']).remainder, 'both_sides');
  });
  test('an acronym of as many words', () => {
    const l = levelsOf(['ibm×4', 'international business machines']);
    assert.equal(l.alignment, 'acronym');
    assert.equal(l.remainder, 'none');
  });
  test('an acronym that spells weak words too', () => {
    const l = levelsOf(['jitb', 'jack in the box×20']);
    assert.deepEqual([l.alignment, l.remainder], ['acronym', 'none']);
  });
  test('an acronym intake repeats is an alias of the one name its initials spell that is written at least as often', () => {
    assert.equal(levelsOf(['jitb×40', 'jack in the box×90']).alias, 'acronym');
    assert.equal(levelsOf(['jack in the box×90|INC', 'jitb×40']).alias, 'acronym');
    // The right reading beside a rare look-alike reading of the same letters.
    assert.equal(levelsOf(['ups×30', 'united parcel service×200', 'united pine services×2']).alias, 'acronym');
  });
  test('… not of a name written less often, nor one-offs, nor where two names read the letters', () => {
    assert.equal(levelsOf(['cvs×15', 'castro valley staffing×3']).alias, 'none');
    assert.equal(levelsOf(['uos', 'united optometry solutions×3']).alias, 'none');
    assert.equal(levelsOf(['ups×30', 'united parcel service×60', 'united pine services×40']).alias, 'none');
    // Two names of several words are no acronym pair, whatever their initials.
    assert.equal(levelsOf(['jack in the box×90', 'jack in the box×9|INC']).alias, 'none');
  });
  test('a long name whose last word was cut short', () => {
    assert.equal(
      levelsOf(['hartley owens pruitt constru', 'hartley owens pruitt construction']).alignment,
      'truncated',
    );
  });
  test('a long name cut short is the start of the other: the words after the cut are no remainder', () => {
    for (const [cut, full] of [
      // Inside a word, even after its first letter…
      ['grant and sons construct', 'grant and sons construction supply×17'],
      ['colorado springs medical c', 'colorado springs medical center×18'],
      // …or after a word that cannot end a name.
      ['west virginia division of', 'west virginia division of natural resources×37'],
    ] as const) {
      const l = levelsOf([cut, full]);
      assert.deepEqual([l.alignment, l.remainder], ['truncated', 'none'], cut);
    }
  });
  test('… not a whole name, a short one, or one whose words differ before the cut', () => {
    assert.equal(levelsOf(['pacific coast roofing', 'pacific coast roofing supply×10']).remainder, 'extra_one_side');
    assert.notEqual(levelsOf(['acme of', 'acme of texas×5']).remainder, 'none');
    assert.notEqual(levelsOf(['colorado springs dental c', 'colorado springs medical center×18']).remainder, 'none');
    assert.notEqual(levelsOf(['springs colorado medical c', 'colorado springs medical center×18']).remainder, 'none');
    // The start of two numbered siblings is no more one's than the other's.
    assert.notEqual(
      levelsOf(['herzog tromp hilpert roberts', 'herzog tromp hilpert roberts group 7×23']).remainder,
      'none',
    );
    assert.notEqual(levelsOf(['herzog tromp hilpert ro', 'herzog tromp hilpert roberts four×19']).remainder, 'none');
  });
  test('nothing in common', () => {
    assert.equal(levelsOf(['acme', 'globex']).alignment, 'none');
  });
});

describe('typos of a spelling the rewrites replaced', () => {
  // `bros` is read as `brothers`, `const` as `construction`: the comparer sees only the expansion.
  const spellings: [string, string][] = [
    ['bros', 'brothers'],
    ['const', 'construction'],
    ['services', 'services'],
  ];
  test('a rare misspelling of an abbreviation is a typo of its expansion', () => {
    const l = levelsOf(['poke brs', 'poke brothers×60'], [], spellings);
    assert.equal(l.alignment, 'typo_rare_to_common');
    assert.equal(l.remainder, 'none');
    assert.equal(levelsOf(['cohn construction×19', 'cohn cost'], [], spellings).alignment, 'typo_rare_to_common');
  });
  test('… not when the misspelling is about as common (three letters: 50 times the records)', () => {
    assert.equal(levelsOf(['poke brs×2', 'poke brothers×60'], [], spellings).remainder, 'both_sides');
    assert.equal(levelsOf(['cohn cost×10', 'cohn construction×19'], [], spellings).remainder, 'both_sides');
  });
  test('without the rewrite, nothing is read through', () => {
    assert.equal(levelsOf(['poke brs', 'poke brothers×60']).remainder, 'both_sides');
  });
  test('a rare misspelling of a generic word is a generic tail', () => {
    // The third name holds the right spelling: the file must know the word.
    const specs = (typo: string) => [typo, 'smith daycare×15', 'acme services×40'];
    assert.equal(levelsOf(specs('smith daycare servces'), [], spellings).remainder, 'generic_one_side');
    assert.equal(levelsOf(specs('smith daycare servces×15'), [], spellings).remainder, 'extra_one_side');
  });
});

describe('known spellings', () => {
  test('abbreviations of three letters or more, and generic words of six or more, to the token they become', () => {
    assert.deepEqual(
      knownSpellingsOf({ bros: 'brothers', '^n': 'north', co: 'company', '5': 'five', services: 'service' }, [
        'services',
        'group',
      ]),
      [
        ['bros', 'brothers'],
        ['services', 'service'],
        ['services', 'service'],
      ],
    );
  });
});

describe('remainder', () => {
  test('generic words left on one side', () => {
    assert.equal(levelsOf(['allied universal×3', 'allied universal services company']).remainder, 'generic_one_side');
  });
  test('a tail on a much rarer spelling of a frequent name', () => {
    assert.equal(levelsOf(['starbucks×50', 'starbucks coffee company']).remainder, 'extra_one_side_head');
  });
  test('a tail on a one-word name as frequent as the short one', () => {
    assert.equal(levelsOf(['tesla×3', 'tesla electric×3']).remainder, 'extra_after_one_word');
  });
  test('a tail on a name of two distinctive words', () => {
    assert.equal(levelsOf(['allied universal×3', 'allied universal security services']).remainder, 'extra_one_side');
  });
  test('words in front of the shorter name: it is the tail of another name', () => {
    assert.equal(levelsOf(['steak house×2', 'peter luger steak house']).remainder, 'extra_at_start');
    assert.equal(levelsOf(['steak house×2', 'izzys steak and chop house']).remainder, 'extra_at_start');
    assert.equal(levelsOf(['ritz carlton dining room', 'dining room']).remainder, 'extra_at_start');
  });
  test('a word inside the name, not after it, even on a frequent head (`Garcia & Sons Staffing` / `Garcia Staffing`)', () => {
    assert.equal(levelsOf(['garcia staffing×17', 'garcia and sons staffing unlimited']).remainder, 'extra_inside');
    assert.equal(levelsOf(['garcia staffing×2', 'garcia brothers staffing×2']).remainder, 'extra_inside');
    // Not a misspelt weak word, an initial or a place (a site of the name).
    assert.equal(
      levelsOf(['satterfield and vandervort law×17', 'satterfield qnd vandervort law group']).remainder,
      'extra_one_side_head',
    );
    assert.equal(levelsOf(['john smith plumbing×9', 'john q smith plumbing']).remainder, 'extra_one_side_head');
    assert.equal(levelsOf(['target store×60', 'target mesa store']).remainder, 'extra_one_side_head');
  });
  test('words in front that start several names are an owner, not a new head', () => {
    const l = levelsOf([
      'jones academy',
      'henry booth jones academy',
      'henry booth kids place',
      'henry booth day care',
    ]);
    assert.equal(l.remainder, 'extra_one_side');
  });
  test('a place in front is no rare spelling of a frequent head (`Dubuque Infiniti` / `Infiniti`)', () => {
    assert.equal(levelsOf(['infiniti×60', 'dubuque infiniti']).remainder, 'extra_at_start');
    assert.equal(levelsOf(['infiniti×60', 'danville infiniti×4']).remainder, 'extra_at_start');
  });
  test('a place that starts several names can still be an owner (`Chicago Commons …`)', () => {
    const l = levelsOf([
      'jones academy×60',
      'chicago commons jones academy',
      'chicago commons kids place',
      'chicago commons day care',
    ]);
    assert.equal(l.remainder, 'extra_one_side');
  });
  test('a tail is rare as a name, whatever its legal form; a head is frequent as its key', () => {
    // `biergarten mesa` ×12 and `biergarten mesa|INC` ×1 are one name of 13 records: no tail of `biergarten` ×10.
    assert.equal(
      levelsOf(['biergarten mesa|INC', 'biergarten×10', 'biergarten mesa×12']).remainder,
      'extra_after_one_word',
    );
    assert.equal(levelsOf(['biergarten mesa|INC', 'biergarten×10']).remainder, 'site_one_side');
    // `starbucks|LLC` ×3 is no head, though `starbucks` ×90 is.
    assert.equal(
      levelsOf(['starbucks welding|LLC', 'starbucks|LLC×3', 'starbucks×90']).remainder,
      'extra_after_one_word',
    );
  });
  test('… but a name with a town that intake repeats is a site only of a head twenty times its size (`Pho Mesa`)', () => {
    assert.equal(levelsOf(['pho×130', 'pho mesa×15']).remainder, 'extra_after_one_word');
    assert.equal(levelsOf(['pho×400', 'pho mesa×15']).remainder, 'site_one_side');
    assert.equal(levelsOf(['pho×10', 'pho mesa×2']).remainder, 'site_one_side');
  });
  test("a place after a head's words is one of its sites (`Infiniti Mesa`), with or without generic words", () => {
    assert.equal(levelsOf(['infiniti×60', 'infiniti mesa']).remainder, 'site_one_side');
    assert.equal(levelsOf(['infiniti×60', 'infiniti mesa services']).remainder, 'site_one_side');
    // A generic tail alone is no site.
    assert.equal(levelsOf(['infiniti×60', 'infiniti services']).remainder, 'generic_one_side');
  });
  test("a typo in a head beside its site weighs once, by the alignment: the similarity is the subset's", () => {
    // token_set_ratio of `wallgreens mesa` / `walgreens` is 75: the typo would cost twice.
    const typo = levelsOf(['walgreens×600', 'wallgreens mesa', 'mesa dental×3'], [], [], 75);
    assert.deepEqual(
      [typo.alignment, typo.remainder, typo.similarity],
      ['typo_rare_to_common', 'site_one_side', 'ge95'],
    );
    const exact = levelsOf(['walgreens×600', 'walgreens mesa', 'mesa dental×3'], [], [], 100);
    assert.deepEqual([exact.alignment, exact.remainder], ['exact', 'site_one_side']);
  });
  test('… and beside a generic tail, the similarity of the aligned words: a typo of a short word stays weak', () => {
    // `rowe group` / `lowe`: token_set_ratio 43; over `rowe` / `lowe` 75, below a subset's 100.
    const generic = levelsOf(['lowe×60', 'rowe group', 'group one×3'], [], [], 43);
    assert.deepEqual(
      [generic.alignment, generic.remainder, generic.similarity],
      ['typo_rare_to_common', 'generic_one_side', '70to80'],
    );
    // `starbcks company` / `starbucks`: token_set_ratio 64; 94 over the aligned words.
    const coffee = levelsOf(['starbucks×600', 'starbcks company', 'company one×3'], [], [], 64);
    assert.deepEqual([coffee.remainder, coffee.similarity], ['generic_one_side', '90to95']);
  });
  test('… and so does a place of several words (`Marshalls of Santa Cruz`), not a part of one', () => {
    assert.equal(levelsOf(['marshalls×60', 'marshalls santa cruz']).remainder, 'site_one_side');
    assert.equal(levelsOf(['marshalls×60', 'marshalls port saint lucie']).remainder, 'site_one_side');
    assert.equal(levelsOf(['marshalls×60', 'marshalls santa']).remainder, 'extra_one_side_head');
    assert.equal(levelsOf(['marshalls×60', 'marshalls santa cruz motors']).remainder, 'extra_one_side_head');
  });
  test('… but not a place with a distinctive word, nor a place after a name that is no head', () => {
    assert.equal(levelsOf(['infiniti×60', 'infiniti mesa motors']).remainder, 'extra_one_side_head');
    assert.equal(levelsOf(['infiniti jones', 'infiniti jones mesa']).remainder, 'extra_one_side');
  });
  test('a generic word in front is a generic remainder, not a new head', () => {
    assert.equal(levelsOf(['allied universal×3', 'group allied universal']).remainder, 'generic_one_side');
  });
  test('a frequent short name keeps a rare spelling with words in front (`super target`)', () => {
    assert.equal(levelsOf(['target×50', 'super target']).remainder, 'extra_one_side_head');
  });
  test('a misspelt `the` in front of a frequent name is the article (`thw publix`, `teh hooters`, `thee lowes`)', () => {
    // `the` is a word of the file (inside `jack in the box`); leading ones are cut by normalisation.
    const file = ['jack in the box×5'];
    for (const [typo, head] of [
      ['thw publix', 'publix×400'],
      ['teh hooters', 'hooters×40'],
      ['thee lowes', 'lowes×80'],
    ] as const) {
      assert.equal(levelsOf([head, typo, ...file]).remainder, 'generic_one_side', typo);
    }
    // Not a word several names start with, nor a misspelt `the` inside the name, nor in front of a rare name.
    const thy = ['thy kitchen', 'thy bakery', 'thy salon'];
    assert.equal(levelsOf(['publix×400', 'thy publix', ...file, ...thy]).remainder, 'extra_one_side_head');
    assert.equal(levelsOf(['publix market×400', 'publix thw market', ...file]).remainder, 'extra_one_side_head');
    assert.notEqual(levelsOf(['publix×2', 'thw publix', ...file]).remainder, 'generic_one_side');
  });
  test('two spellings of one employer in the alias dictionary are one name', () => {
    const l = levelsOf(['fedex×3', 'federal express'], [['federal express', 'fedex']]);
    assert.deepEqual([l.alias, l.alignment, l.remainder], ['dictionary', 'exact', 'none']);
  });
  test('different words on both sides', () => {
    assert.equal(levelsOf(['buena park honda', 'buena park toyota']).remainder, 'both_sides');
  });
});

describe('numbers, legal form, alias', () => {
  test('roman numerals are numbers', () => {
    assert.equal(levelsOf(['sequoia fund ii', 'sequoia fund iii']).numbers, 'differ');
    assert.equal(isNumberToken('iii'), true);
    assert.equal(isNumberToken('i'), false);
    assert.equal(isNumberToken('mix'), false);
  });
  test('a lone i, v or x ending a name of several words is a numeral (`Fund I` / `Fund II`)', () => {
    assert.equal(levelsOf(['sequoia fund i', 'sequoia fund ii']).numbers, 'differ');
    assert.equal(levelsOf(['sequoia fund v', 'sequoia fund vi']).numbers, 'differ');
    assert.equal(levelsOf(['sequoia fund i', 'sequoia fund i']).numbers, 'equal');
  });
  test('elsewhere a lone letter is a letter', () => {
    assert.equal(levelsOf(['i love sushi', 'love sushi']).numbers, 'none');
    assert.equal(levelsOf(['x', 'x']).numbers, 'none');
    assert.equal(levelsOf(['chick fil a×9', 'chick fil a']).numbers, 'none');
  });
  test('one side numbered', () => {
    assert.equal(levelsOf(['super 8', 'super']).numbers, 'one_side');
  });
  test('legal forms', () => {
    assert.equal(levelsOf(['acme|INC', 'acme tools|LLC']).legal_form, 'conflict');
    assert.equal(levelsOf(['acme|INC', 'acme tools|CORP']).legal_form, 'compatible');
    assert.equal(levelsOf(['acme|INC', 'acme tools']).legal_form, 'one_none');
  });
  test('alias dictionary', () => {
    assert.equal(levelsOf(['ups', 'united parcel service'], [['united parcel service', 'ups']]).alias, 'dictionary');
    assert.equal(levelsOf(['ups', 'united parcel service']).alias, 'none');
  });
  test('a spelling with one word a rarer typo of it, or run together, spells its employer', () => {
    const tjx = [['tj maxx', 'tjx companies']];
    assert.equal(levelsOf(['tj maxxx', 'tjx companies×40', 'tj maxx×40'], tjx).alias, 'dictionary');
    assert.equal(levelsOf(['tjx companis', 'tj maxx×40', 'tjx companies×40'], tjx).alias, 'dictionary');
    assert.equal(levelsOf(['tjmaxx', 'tjx companies×40'], tjx).alias, 'dictionary');
    // As common as the spelling: another name. Two words off: another name.
    assert.equal(levelsOf(['tj maxxx×20', 'tjx companies×40', 'tj maxx×40'], tjx).alias, 'none');
    assert.equal(levelsOf(['tj maxxxx', 'tjx companies×40', 'tj maxx×40'], tjx).alias, 'none');
  });
});

test('numbered siblings: two names that differ only by numbers, on one side or both', () => {
  const tokens = buildKeyTokens(
    [
      'los angeles bakery',
      'los angeles bakery nine',
      'los angeles bakery seven',
      'los angeles bakery coffee',
      'the los angeles bakery',
      'silver star staffing 25',
    ],
    { tokenRewrites: {}, weakTokens: ['the'] },
  );
  const numbers = Uint8Array.from(tokens.tokens, (t) => (['nine', 'seven', '25'].includes(t) ? 1 : 0));
  assert.equal(numberedSiblings(tokens, 0, 1, numbers), true);
  assert.equal(numberedSiblings(tokens, 2, 1, numbers), true);
  // A word that is no number, or nothing but a weak word, makes no numbered sibling.
  assert.equal(numberedSiblings(tokens, 0, 3, numbers), false);
  assert.equal(numberedSiblings(tokens, 0, 4, numbers), false);
  assert.equal(numberedSiblings(tokens, 0, 5, numbers), false);
});

test('the match weight is the prior plus one weight per feature; the score is floor(100 p)', () => {
  const model = compileMatchModel({ prior: -3, weights: { alignment: { exact: 2 }, remainder: { none: 4 } } });
  const levels = new Uint8Array(FEATURE_COUNT);
  assert.equal(matchWeight(model, levels, 0), 3);
  assert.equal(scoreOfProbability(0.956), 95);
  assert.equal(scoreOfProbability(1), 100);
});

test('boundedOsa', () => {
  const dp = new Int32Array(192);
  assert.equal(boundedOsa('targte', 'target', 1, dp), 1);
  assert.equal(boundedOsa('target', 'target', 1, dp), 0);
  assert.equal(boundedOsa('taget', 'target', 1, dp), 1);
  assert.equal(boundedOsa('garcia', 'garza', 1, dp), 2);
  assert.equal(boundedOsa('kitchen', 'chicken', 2, dp), 3);
});

test("indelDistance is RapidFuzz's Indel: insertions and deletions, a swap costs two", () => {
  const row = new Int32Array(192);
  assert.equal(indelDistance('wallgreens', 'walgreens', row), 1);
  assert.equal(indelDistance('mrashalls', 'marshalls', row), 2);
  assert.equal(indelDistance('rowe', 'lowe', row), 2);
  assert.equal(indelDistance('', 'abc', row), 3);
  assert.equal(indelDistance('target', 'target', row), 0);
});

describe('word-pair memo', () => {
  // Near spellings of a few words, so many key pairs ask the edit distance of the same word pairs; numbers, weak
  // words, a lone letter and a misspelt generic word, so every part of a kept key is read.
  const specs = [
    'target mesa×40',
    'targget mesa',
    'tarjet store×3',
    'target store×30',
    'walmart supercenter×90',
    'walmrt supercenter',
    'wallmart store×2',
    'walmart mesa×11',
    'holdings group×7',
    'holdngs group',
    'stryker medical×25',
    'striker medical×20',
    'stryker medcal',
    'target store 9×3',
    'target store 19',
    'the fund 4 holdngs',
    'fund 7 holdings×4',
    'first n star',
    'first north star×6',
    'smith daycare servces',
    'smith daycare×15',
    'acme services×40',
    'poke brs',
    'poke brothers×60',
    'target store 9 mesa',
    'fund 4 holding',
    'international business machines×30',
    'ibm',
    'jack in the box×20',
    'jitb',
    'pacific northwest construc',
    'pacific northwest construction×5',
  ];
  const table = specTable(
    specs,
    [],
    [
      ['bros', 'brothers'],
      ['services', 'services'],
    ],
  );
  const cores = specs;
  const pairs = cores.flatMap((_a, a) => cores.map((_b, b) => [a, b] as const)).filter(([a, b]) => a !== b);
  const levels = (comparer: PairComparer, order: readonly (readonly [number, number])[]): Map<string, string> => {
    const out = new Uint8Array(FEATURE_COUNT);
    const seen = new Map<string, string>();
    for (const [a, b] of order) {
      comparer.compare(a, b, 90, out, 0);
      seen.set(`${a}-${b}`, `${out.join(',')}|${comparer.evidenceBits}`);
    }
    return seen;
  };
  // Each pair on a comparer that has seen nothing else: what the memo must never change.
  const cold = new Map(
    pairs.map(([a, b]) => [`${a}-${b}`, levels(new PairComparer(table, OPTIONS), [[a, b]]).get(`${a}-${b}`)]),
  );

  // A fixed shuffle: keys then meet the comparer's scratch arrays in an order neither sorted nor reversed.
  let seed = 7;
  const shuffled = [...pairs];
  for (let i = shuffled.length - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const j = seed % (i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j] as (typeof pairs)[number], shuffled[i] as (typeof pairs)[number]];
  }

  test('the levels of a pair do not depend on the pairs compared before it (kept keys, a colliding memo)', () => {
    for (const bits of [0, 1, 3, 16]) {
      const comparer = new PairComparer(table, OPTIONS, bits);
      assert.deepEqual(levels(comparer, pairs), cold, `memo of 2^${bits} entries`);
      assert.deepEqual(levels(comparer, [...pairs].reverse()), cold, `memo of 2^${bits} entries, reversed`);
      assert.deepEqual(levels(comparer, shuffled), cold, `memo of 2^${bits} entries, shuffled`);
    }
  });
  test('the pairs of the test reach the edit distance, so the memo is exercised', () => {
    const at = FEATURE_NAMES.indexOf('alignment');
    const typos = [...cold.values()].filter((l) =>
      levelName(at, Number(l?.split('|')[0]?.split(',')[at])).startsWith('typo'),
    );
    assert.ok(typos.length >= 8, `${typos.length} typo pairs`);
  });
});
