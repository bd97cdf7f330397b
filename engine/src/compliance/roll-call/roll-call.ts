import { parse } from 'csv-parse/sync';
import type { ActualVoteChoice } from '../compliance-rules';

/** One nominative position read from a roll call, by parliamentary identifier. */
export interface RollCallRow {
  /** 1-based row (CSV: line after the header; scrutin JSON: order of the votants in the file). */
  readonly row: number;
  readonly parliamentId: string;
  readonly vote: ActualVoteChoice;
  /** Where the row sits, e.g. `groupe[2].pours.votant[0]` or `line 3`. */
  readonly where: string;
}

/** A row that could not be read; the import is refused when there is one. */
export interface RollCallProblem {
  readonly row: number;
  readonly where: string;
  readonly parliamentId?: string;
  readonly rule: string;
  readonly message: { readonly fr: string; readonly en: string };
}

export interface ParsedRollCall {
  /** Official identifier of the vote when the file names it (scrutin `uid`). */
  readonly reference?: string;
  /** Date of the vote when the file gives it (`YYYY-MM-DD`). */
  readonly date?: string;
  /** True when a deputy missing from the file did not vote (scrutin JSON); false for a plain CSV. */
  readonly complete: boolean;
  readonly rows: readonly RollCallRow[];
  readonly problems: readonly RollCallProblem[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The Assemblée nationale's JSON writes a one-element list as the element and an empty one as null. */
function list(value: unknown): unknown[] {
  if (value === null || value === undefined) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

/** The nominative lists of a scrutin and the vote each stands for. */
const AN_POSITIONS: readonly (readonly [string, ActualVoteChoice])[] = [
  ['pours', 'yes'],
  ['contres', 'no'],
  ['abstentions', 'abstain'],
  ['nonVotants', 'absent'],
];

const NNBSP = '\u202f';

function problem(
  row: number,
  where: string,
  rule: string,
  fr: string,
  en: string,
  parliamentId?: string,
): RollCallProblem {
  return { row, where, rule, message: { fr, en }, ...(parliamentId === undefined ? {} : { parliamentId }) };
}

/**
 * A scrutin of the Assemblée nationale (open data, `Scrutins` JSON): `scrutin > ventilationVotes > organe >
 * groupes > groupe[] > vote > decompteNominatif > pours | contres | abstentions | nonVotants > votant[]`,
 * each votant naming the deputy by `acteurRef` (`PA…`). `nonVotants` (present, not voting — e.g. the chair)
 * count as absent, like deputies missing from every list.
 */
export function parseAnScrutin(text: string): ParsedRollCall {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return {
      complete: true,
      rows: [],
      problems: [
        problem(
          0,
          'content',
          'json',
          `Le fichier n’est pas du JSON${NNBSP}: ${(error as Error).message}`,
          `The file is not JSON: ${(error as Error).message}`,
        ),
      ],
    };
  }
  const scrutin = isObject(document) && isObject(document.scrutin) ? document.scrutin : undefined;
  const organe = scrutin && isObject(scrutin.ventilationVotes) ? scrutin.ventilationVotes.organe : undefined;
  const groupes = isObject(organe) && isObject(organe.groupes) ? organe.groupes.groupe : undefined;
  if (!scrutin || groupes === undefined) {
    return {
      complete: true,
      rows: [],
      problems: [
        problem(
          0,
          'scrutin.ventilationVotes.organe.groupes.groupe',
          'shape',
          'Ce n’est pas un scrutin de l’Assemblée nationale (scrutin.ventilationVotes.organe.groupes.groupe manque)',
          'This is not an Assemblée nationale scrutin (scrutin.ventilationVotes.organe.groupes.groupe is missing)',
        ),
      ],
    };
  }
  const rows: RollCallRow[] = [];
  const problems: RollCallProblem[] = [];
  list(groupes).forEach((groupe, g) => {
    const vote = isObject(groupe) && isObject(groupe.vote) ? groupe.vote : undefined;
    const nominatif = vote && isObject(vote.decompteNominatif) ? vote.decompteNominatif : undefined;
    if (!nominatif) {
      problems.push(
        problem(
          0,
          `groupe[${g}]`,
          'shape',
          `Le groupe ${g + 1} n’a pas de decompteNominatif`,
          `Group ${g + 1} has no decompteNominatif`,
        ),
      );
      return;
    }
    for (const [key, choice] of AN_POSITIONS) {
      const bucket = nominatif[key];
      list(isObject(bucket) ? bucket.votant : bucket).forEach((votant, v) => {
        const where = `groupe[${g}].${key}.votant[${v}]`;
        const row = rows.length + problems.length + 1;
        const ref = isObject(votant) ? votant.acteurRef : undefined;
        if (typeof ref !== 'string' || ref.trim() === '') {
          problems.push(problem(row, where, 'acteurRef', 'acteurRef manque', 'acteurRef is missing'));
          return;
        }
        rows.push({ row, parliamentId: ref.trim(), vote: choice, where });
      });
    }
  });
  const date = typeof scrutin.dateScrutin === 'string' ? scrutin.dateScrutin.slice(0, 10) : undefined;
  const reference = typeof scrutin.uid === 'string' ? scrutin.uid : undefined;
  return { complete: true, rows, problems, ...(date ? { date } : {}), ...(reference ? { reference } : {}) };
}

/**
 * The field of the file a problem's rule is about: the column (CSV) or key (scrutin JSON) that names the
 * deputy or the vote; the whole `content` when the file itself cannot be read.
 */
export function rollCallField(rule: string): string {
  switch (rule) {
    case 'unknown_id':
    case 'duplicate':
    case 'parliament_id':
      return 'parliament_id';
    case 'acteurRef':
    case 'vote':
      return rule;
    default:
      return 'content';
  }
}

/** Vote words accepted in a CSV, French and English, any case. */
const CSV_VOTES: Readonly<Record<string, ActualVoteChoice>> = {
  yes: 'yes',
  pour: 'yes',
  no: 'no',
  contre: 'no',
  abstain: 'abstain',
  abstention: 'abstain',
  absent: 'absent',
  'non-votant': 'absent',
  'non votant': 'absent',
};

/**
 * A plain CSV with a header naming at least `parliament_id` and `vote` (`yes|no|abstain|absent`, or
 * `pour|contre|abstention|absent|non-votant`), comma or semicolon separated. Deputies missing from it stay
 * as they were (a CSV need not list the whole assembly).
 */
export function parseRollCallCsv(text: string): ParsedRollCall {
  let records: string[][];
  try {
    const delimiter = (text.split(/\r?\n/, 1)[0] ?? '').includes(';') ? ';' : ',';
    records = parse(text, {
      delimiter,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      bom: true,
    });
  } catch (error) {
    return {
      complete: false,
      rows: [],
      problems: [
        problem(
          0,
          'content',
          'csv',
          `CSV illisible${NNBSP}: ${(error as Error).message}`,
          `Unreadable CSV: ${(error as Error).message}`,
        ),
      ],
    };
  }
  const header = (records[0] ?? []).map((cell) => cell.toLowerCase());
  const idAt = header.indexOf('parliament_id');
  const voteAt = header.indexOf('vote');
  if (idAt < 0 || voteAt < 0) {
    return {
      complete: false,
      rows: [],
      problems: [
        problem(
          0,
          'line 1',
          'header',
          'L’en-tête doit nommer les colonnes parliament_id et vote',
          'The header must name the columns parliament_id and vote',
        ),
      ],
    };
  }
  const rows: RollCallRow[] = [];
  const problems: RollCallProblem[] = [];
  records.slice(1).forEach((record, index) => {
    const row = index + 1;
    const where = `line ${index + 2}`;
    const parliamentId = (record[idAt] ?? '').trim();
    const word = (record[voteAt] ?? '').trim().toLowerCase();
    const vote = CSV_VOTES[word];
    if (parliamentId === '') {
      problems.push(problem(row, where, 'parliament_id', 'parliament_id est vide', 'parliament_id is empty'));
    } else if (!vote) {
      problems.push(
        problem(
          row,
          where,
          'vote',
          `Vote « ${word} » inconnu${NNBSP}: pour, contre, abstention, absent (ou yes, no, abstain)`,
          `Unknown vote "${word}": yes, no, abstain, absent (or pour, contre, abstention)`,
          parliamentId,
        ),
      );
    } else {
      rows.push({ row, parliamentId, vote, where });
    }
  });
  return { complete: false, rows, problems };
}
