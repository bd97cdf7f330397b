import { invitationMail } from './invitation-mail';

describe(invitationMail.name, () => {
  const input = {
    invitationId: 'inv-1',
    sendCount: 2,
    to: 'nina@example.org',
    displayName: 'Nina <script>alert(1)</script>',
    collectiveName: 'Quartier "Nord" & Sud',
    link: 'https://vote.example.org/#/invitation/abc_DEF-123',
    expiresAt: new Date('2026-12-15T10:00:00Z'),
  };

  it('writes French by default: subject, greeting, link and expiry in both bodies', () => {
    const sut = invitationMail({ ...input, locale: 'fr' });
    expect(sut.subject).toBe('Invitation à rejoindre « Quartier "Nord" & Sud » sur Liquide');
    expect(sut.text).toContain('Rejoindre le collectif :\nhttps://vote.example.org/#/invitation/abc_DEF-123');
    expect(sut.text).toContain('15 décembre 2026');
    expect(sut.html).toContain('href="https://vote.example.org/#/invitation/abc_DEF-123"');
    expect(sut.html).toContain('<html lang="fr">');
    expect(sut.dedupeKey).toBe('invitation:inv-1:2');
  });

  it('writes English on request', () => {
    const sut = invitationMail({ ...input, locale: 'en' });
    expect(sut.subject).toBe('You are invited to join "Quartier "Nord" & Sud" on Liquide');
    expect(sut.text).toContain('Join the collective:\n');
    expect(sut.text).toContain('15 December 2026');
  });

  it('escapes every value in the HTML body, so a name cannot inject markup', () => {
    const sut = invitationMail({ ...input, locale: 'fr' });
    expect(sut.html).not.toContain('<script>');
    expect(sut.html).toContain('Nina &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(sut.html).toContain('Quartier &quot;Nord&quot; &amp; Sud');
    expect(sut.text).toContain('Nina <script>alert(1)</script>');
  });
});
