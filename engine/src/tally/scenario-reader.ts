import { CompactScenario, IntList } from './compact-scenario';
import { IdIndex } from './id-index';
import { JsonScanner } from './json-scanner';
import { NOT_FAST } from './not-fast';
import { DelegationV1Schema, ScenarioV1Schema } from './scenario';
import { MAX_TOTAL_UNITS, MAX_TOTAL_WEIGHT, toUnits, UNIT_SCALE } from './units';

/** Longest trustee list the reader checks for repeats itself (longer ones take the usual path). */
const MAX_FAST_TRUSTEES = 64;

/** Choices in code order (code = position + 1) and scopes in slot order. */
const CHOICE_VALUES = ['yes', 'no', 'abstain'];
const SCOPE_VALUES = ['bill', 'topic', 'global'];
/** Object keys; a key's bit is 1 << its position. */
const MEMBER_KEYS = ['id', 'weight', 'active'];
const VOTE_KEYS = ['member', 'choice'];
const DELEGATION_KEYS = ['from', 'scope', 'topic', 'to', 'expiresAt'];
const TOP_KEYS = new Set(['members', 'bill', 'delegations', 'votes', 'mandate', 'cap', 'at']);
const expiresAtSchema = DelegationV1Schema.shape.expiresAt;

/**
 * Reads the JSON text of a scenario (format v1) straight into a {@link CompactScenario}, validating every rule
 * of {@link ScenarioV1Schema} on the way, without building one object per member, vote or delegation: for a
 * file of 1,000,000 members, `JSON.parse` and the schema check of the objects take seconds, this takes a
 * fraction of that.
 *
 * It only takes the common shape: members listed before the votes and the delegations, no key twice in an
 * object, trustee lists of at most 64 ids, no method scenario. For anything else — including any invalid
 * input — it returns `undefined`, and the caller parses the text with `JSON.parse` and {@link parseScenario},
 * which accept exactly the same scenarios and name the field and rule of any problem. So the reader never
 * accepts a scenario the schema rejects, and the tally of what it accepts is the same.
 */
export function readScenarioText(text: string): CompactScenario | undefined {
  try {
    return new Reader(text).scenario();
  } catch (error) {
    if (error === NOT_FAST || error instanceof SyntaxError) {
      return undefined;
    }
    throw error;
  }
}

class Reader extends JsonScanner {
  private members: IdIndex | undefined;
  private weight = new Float64Array(0);
  private active = new Uint8Array(0);
  private vote = new Uint8Array(0);
  private readonly outsiders = new IdIndex();
  private readonly topics = new Map<string, number>();
  private readonly from = new IntList();
  private readonly scope = new IntList();
  private readonly topic = new IntList();
  private readonly start = new IntList();
  private readonly trustees = new IntList();
  private expiresAt = new Float64Array(1024);
  private readonly validTimes = new Map<string, number>();

  scenario(): CompactScenario {
    const skeleton: Record<string, unknown> = {};
    this.open('{');
    if (!this.closes('}')) {
      do {
        const key = this.string();
        if (!TOP_KEYS.has(key) || key in skeleton) {
          throw NOT_FAST;
        }
        this.colon();
        if (key === 'members') {
          this.readMembers();
          skeleton.members = [];
        } else if (key === 'votes') {
          this.readVotes();
          skeleton.votes = [];
        } else if (key === 'delegations') {
          this.readDelegations();
          skeleton.delegations = [];
        } else {
          const from = this.pos;
          this.skipValue();
          skeleton[key] = JSON.parse(this.text.slice(from, this.pos));
        }
      } while (this.more('}'));
    }
    this.skipSpace();
    if (this.pos !== this.text.length || !this.members) {
      throw NOT_FAST;
    }
    // Everything but the three lists is checked by the schema itself, on a skeleton with empty lists.
    const checked = ScenarioV1Schema.safeParse(skeleton);
    if (!checked.success) {
      throw NOT_FAST;
    }
    const { bill, mandate, cap, at } = checked.data;
    const count = this.from.size;
    this.start.push(this.trustees.size);
    return new CompactScenario(
      this.members,
      this.weight,
      this.active,
      this.vote,
      this.outsiders,
      bill.topic,
      [...this.topics.keys()],
      {
        count,
        from: this.from.data,
        scope: Uint8Array.from(this.scope.data.subarray(0, count)),
        topic: this.topic.data,
        start: this.start.data,
        trustees: this.trustees.data,
        expiresAt: this.expiresAt,
      },
      mandate,
      cap?.maxShare,
      at,
    );
  }

  /** Reads the members' fields, then interns the ids at once (a table sized once is faster than grown). */
  private readMembers(): void {
    if (this.members) {
      throw NOT_FAST;
    }
    const ids: string[] = [];
    let capacity = 1024;
    let weights = new Float64Array(capacity);
    let actives = new Uint8Array(capacity);
    let total = 0;
    this.open('[');
    if (!this.closes(']')) {
      do {
        const u = ids.length;
        if (u === capacity) {
          capacity *= 2;
          weights = grow(weights, capacity);
          actives = grow(actives, capacity);
        }
        let id: string | undefined;
        let units = UNIT_SCALE;
        let active = 1;
        let keys = 0;
        this.open('{');
        if (!this.closes('}')) {
          do {
            const key = this.key(MEMBER_KEYS);
            if (keys & key) {
              throw NOT_FAST;
            }
            keys |= key;
            this.colon();
            if (key === 1) {
              id = this.id();
            } else if (key === 2) {
              const weight = this.number();
              const converted = weight > 0 && weight <= MAX_TOTAL_WEIGHT ? toUnits(weight) : undefined;
              if (converted === undefined) {
                throw NOT_FAST;
              }
              units = converted;
            } else {
              active = this.boolean() ? 1 : 0;
            }
          } while (this.more('}'));
        }
        if (id === undefined) {
          throw NOT_FAST;
        }
        ids.push(id);
        weights[u] = units;
        actives[u] = active;
        total += units;
      } while (this.more(']'));
    }
    if (total > MAX_TOTAL_UNITS) {
      throw NOT_FAST;
    }
    const n = ids.length;
    const members = IdIndex.of(ids);
    if (!(members instanceof IdIndex)) {
      throw NOT_FAST;
    }
    this.weight = weights.slice(0, n);
    this.active = actives.slice(0, n);
    this.vote = new Uint8Array(n);
    this.members = members;
  }

  private readVotes(): void {
    const members = this.requireMembers();
    this.open('[');
    if (this.closes(']')) {
      return;
    }
    let hint = 0;
    do {
      let member = -2;
      let choice = 0;
      let keys = 0;
      this.open('{');
      if (!this.closes('}')) {
        do {
          const key = this.key(VOTE_KEYS);
          if (keys & key) {
            throw NOT_FAST;
          }
          keys |= key;
          this.colon();
          if (key === 1) {
            member = this.memberIndex(members, hint);
          } else {
            choice = this.enumValue(CHOICE_VALUES) + 1;
          }
        } while (this.more('}'));
      }
      if (keys !== 3) {
        throw NOT_FAST;
      }
      if (member >= 0) {
        this.vote[member] = choice;
        hint = member;
      }
    } while (this.more(']'));
  }

  private readDelegations(): void {
    const members = this.requireMembers();
    this.open('[');
    if (this.closes(']')) {
      return;
    }
    let hint = 0;
    do {
      let from = -2;
      let scope = -1;
      let topic = -1;
      let expiresAt = NaN;
      let keys = 0;
      const first = this.trustees.size;
      this.open('{');
      if (!this.closes('}')) {
        do {
          const key = this.key(DELEGATION_KEYS);
          if (keys & key) {
            throw NOT_FAST;
          }
          keys |= key;
          this.colon();
          if (key === 1) {
            from = this.memberIndex(members, hint);
          } else if (key === 2) {
            scope = this.enumValue(SCOPE_VALUES);
          } else if (key === 4) {
            topic = this.topicCode(this.id());
          } else if (key === 8) {
            this.readTrustees(members, first);
          } else {
            expiresAt = this.time();
          }
        } while (this.more('}'));
      }
      if ((keys & 11) !== 11 || (scope === 1) !== topic >= 0) {
        throw NOT_FAST;
      }
      if (from >= 0) {
        hint = from;
      }
      const e = this.from.size;
      this.from.push(from);
      this.scope.push(scope);
      this.topic.push(topic);
      this.start.push(first);
      if (e === this.expiresAt.length) {
        this.expiresAt = grow(this.expiresAt, e * 2);
      }
      this.expiresAt[e] = expiresAt;
    } while (this.more(']'));
  }

  /** Reads a trustee list into the pool (it starts at `first`). */
  private readTrustees(members: IdIndex, first: number): void {
    if (this.trustees.size !== first) {
      throw NOT_FAST;
    }
    this.open('[');
    if (this.closes(']')) {
      return;
    }
    do {
      let code = this.memberIndex(members, -1);
      if (code < 0) {
        code = -this.outsiders.add(this.tokenText()) - 1;
      }
      const { data, size } = this.trustees;
      if (size - first >= MAX_FAST_TRUSTEES) {
        throw NOT_FAST;
      }
      for (let k = first; k < size; k++) {
        if (data[k] === code) {
          throw NOT_FAST;
        }
      }
      this.trustees.push(code);
    } while (this.more(']'));
  }

  /** Reads an id and returns its member index, −1 for a non-member (its text stays the current token). */
  private memberIndex(members: IdIndex, hint: number): number {
    this.stringToken();
    const { tokenStart, tokenEnd, text } = this;
    if (this.escaped) {
      return members.get(this.checkedId(this.tokenText()));
    }
    const length = tokenEnd - tokenStart;
    if (length === 0 || length > 256) {
      throw NOT_FAST;
    }
    const ids = members.ids();
    if (hint >= 0) {
      for (let u = hint; u < hint + 2 && u < ids.length; u++) {
        if (ids[u].length === length && text.startsWith(ids[u], tokenStart)) {
          return u;
        }
      }
    }
    return members.getRange(text, tokenStart, tokenEnd);
  }

  private requireMembers(): IdIndex {
    if (!this.members) {
      throw NOT_FAST;
    }
    return this.members;
  }

  private topicCode(topic: string): number {
    let code = this.topics.get(topic);
    if (code === undefined) {
      code = this.topics.size;
      this.topics.set(topic, code);
    }
    return code;
  }

  /** An ISO 8601 date-time as the schema accepts it, in ms since 1970. */
  private time(): number {
    const text = this.string();
    let time = this.validTimes.get(text);
    if (time === undefined) {
      if (!expiresAtSchema.safeParse(text).success) {
        throw NOT_FAST;
      }
      time = Date.parse(text);
      this.validTimes.set(text, time);
    }
    return time;
  }
}

function grow<T extends Float64Array | Uint8Array>(array: T, capacity: number): T {
  const grown = new (array.constructor as new (length: number) => T)(capacity);
  grown.set(array);
  return grown;
}
