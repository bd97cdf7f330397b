import { z } from 'zod';
import { boundedRecord } from './bounded-record';
import { describeIssues } from './validation';

describe(boundedRecord.name, () => {
  const sut = z.strictObject({ attributes: boundedRecord(z.string().max(64), z.string().max(200), 2) });

  it('refuses a map with too many keys, naming the field and the rule in both languages', () => {
    const result = sut.safeParse({ attributes: { a: '1', b: '2', c: '3' } });
    expect(result.success).toBe(false);
    expect(describeIssues(result.error!.issues, 'fr')).toEqual([
      { field: 'attributes', rule: 'too_big', code: 'validation.too_many', message: 'Au plus 2 clés' },
    ]);
    expect(describeIssues(result.error!.issues, 'en')[0].message).toBe('At most 2 keys');
  });

  it('accepts a map within the bound, and states the bound in its JSON schema', () => {
    expect(sut.parse({ attributes: { a: '1', b: '2' } })).toEqual({ attributes: { a: '1', b: '2' } });
    const json = z.toJSONSchema(sut, { io: 'input' }) as unknown as {
      properties: { attributes: { maxProperties: number } };
    };
    expect(json.properties.attributes.maxProperties).toBe(2);
  });
});
