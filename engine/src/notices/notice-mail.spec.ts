import { describeNotice, noticeUrl, renderNoticeMail } from './notice-mail';
import type { NoticeView } from './notices.contract';

const notice = (over: Partial<NoticeView> = {}): NoticeView => ({
  id: '00000000-0000-4000-8000-000000000001',
  collectiveId: 'c1',
  collectiveName: 'MaVoix',
  kind: 'delegate.voted',
  subject: { type: 'ballot', id: 'b1', billId: 'bill1', title: 'Loi <script>alert(1)</script> & co' },
  params: { name: 'Bea' },
  createdAt: '2026-12-01T10:00:00.000Z',
  read: false,
  ...over,
});

const frame = {
  publicUrl: 'https://vote.example.org',
  locale: 'fr' as const,
  unsubscribeUrl: 'https://u/x?t=1&y=2',
};

describe(renderNoticeMail.name, () => {
  it('escapes the bill title in the HTML part and keeps it plain in the text part', () => {
    const sut = renderNoticeMail([notice()], frame, 'immediate');
    expect(sut.html).not.toContain('<script>');
    expect(sut.html).toContain('Loi &lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(sut.html).toContain('href="https://u/x?t=1&amp;y=2"');
    expect(sut.text).toContain('« Loi <script>alert(1)</script> & co »');
    expect(sut.text).toContain('https://vote.example.org/#/c/c1/bills/bill1');
  });

  it('keeps the subject on one line even when a title holds line breaks', () => {
    const sut = renderNoticeMail(
      [notice({ subject: { ...notice().subject, title: 'a\r\nBcc: x@y' } })],
      frame,
      'immediate',
    );
    expect(sut.subject).not.toMatch(/[\r\n]/);
  });

  it('never tells a choice the notice does not carry, and tells it when it does', () => {
    expect(describeNotice(notice(), 'fr')).toBe(
      'Bea, qui porte votre voix, a voté sur « Loi <script>alert(1)</script> & co » ; son choix reste secret jusqu’à la clôture.',
    );
    expect(describeNotice(notice({ params: { name: 'Bea', choice: 'no' } }), 'en')).toContain('voted no on');
  });

  it('links petitions and delegations to their pages', () => {
    expect(
      noticeUrl(notice({ subject: { type: 'petition', id: 'p1', billId: null, title: 'P' } }), 'https://h'),
    ).toBe('https://h/#/c/c1/petitions/p1');
    expect(
      noticeUrl(notice({ subject: { type: 'collective', id: 'c1', billId: null, title: '' } }), 'https://h'),
    ).toBe('https://h/#/c/c1/delegations');
  });
});
