import {
  calculateJwkThumbprint,
  CompactSign,
  exportJWK,
  generateKeyPair,
  type CryptoKey,
  type JWK,
} from 'jose';
import { MANDATE_FORMAT, MANDATE_TYP, verifyMandate, type MandatePayload } from './mandate-format';

const PAYLOAD: MandatePayload = {
  format: MANDATE_FORMAT,
  collectiveId: 'c1',
  billId: 'b1',
  ballotId: 'v1',
  deputy: 'm1',
  deputyName: 'Alice',
  choice: 'yes',
  totals: { yes: 3, no: 1, abstain: 0, absent: 0 },
  seats: { yes: 3, no: 1, abstain: 0 },
  resultHash: 'a'.repeat(64),
  issuedAt: '2026-11-28T12:00:00.000Z',
};

async function keyPair(collectiveId = 'c1'): Promise<{ privateKey: CryptoKey; jwk: JWK; kid: string }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = `${collectiveId}.${await calculateJwkThumbprint(jwk)}`;
  return { privateKey, jwk: { ...jwk, kid, alg: 'ES256', use: 'sig' }, kid };
}

function sign(payload: unknown, privateKey: CryptoKey, kid: string, typ = MANDATE_TYP): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'ES256', kid, typ })
    .sign(privateKey);
}

describe(verifyMandate.name, () => {
  it('accepts an instruction signed with the collective key, rotated keys included', async () => {
    const [old, current] = [await keyPair(), await keyPair()];
    const jws = await sign(PAYLOAD, old.privateKey, old.kid);
    const sut = await verifyMandate(jws, { keys: [old.jwk, current.jwk] });
    expect(sut).toEqual({ ok: true, payload: PAYLOAD, kid: old.kid });
  });

  it('refuses a tampered payload', async () => {
    const key = await keyPair();
    const [header, , signature] = (await sign(PAYLOAD, key.privateKey, key.kid)).split('.');
    const forged = Buffer.from(JSON.stringify({ ...PAYLOAD, choice: 'no' })).toString('base64url');
    const sut = await verifyMandate(`${header}.${forged}.${signature}`, { keys: [key.jwk] });
    expect(sut).toMatchObject({ ok: false, reason: expect.stringContaining('signature') });
  });

  it('refuses an instruction signed by another key under the collective kid', async () => {
    const [real, impostor] = [await keyPair(), await keyPair()];
    const jws = await sign(PAYLOAD, impostor.privateKey, real.kid);
    expect(await verifyMandate(jws, { keys: [real.jwk] })).toMatchObject({ ok: false });
  });

  it("refuses another collective's key, a wrong typ, and a choice without seats", async () => {
    const other = await keyPair('c2');
    expect(
      await verifyMandate(await sign(PAYLOAD, other.privateKey, other.kid), { keys: [other.jwk] }),
    ).toMatchObject({
      ok: false,
      reason: expect.stringContaining('does not belong to collective c1'),
    });
    const key = await keyPair();
    expect(
      await verifyMandate(await sign(PAYLOAD, key.privateKey, key.kid, 'JWT'), { keys: [key.jwk] }),
    ).toMatchObject({
      ok: false,
    });
    const abstain = { ...PAYLOAD, choice: 'abstain' };
    expect(
      await verifyMandate(await sign(abstain, key.privateKey, key.kid), { keys: [key.jwk] }),
    ).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no seat'),
    });
  });
});
