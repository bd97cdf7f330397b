import { CoDraftingSettings, permissionOf, permissionsFor, PHASES } from './phases';

describe(permissionsFor.name, () => {
  const defaults = CoDraftingSettings.parse({});

  it('gives each default phase what Parlement & Citoyens lets people do in it', () => {
    const allowed = Object.fromEntries(
      PHASES.map((phase) => [
        phase,
        Object.entries(permissionsFor(defaults, {}, phase))
          .filter(([, on]) => on)
          .map(([name]) => name),
      ]),
    );
    expect(allowed).toEqual({
      presentation: [],
      consultation: ['comment', 'argue', 'propose', 'support'],
      synthesis: ['support', 'synthesise'],
      debate: ['comment', 'argue', 'support'],
      bill: ['synthesise', 'publish'],
      mobilisation: ['support'],
    });
  });

  it('applies the collective settings, then the bill overrides', () => {
    const settings = CoDraftingSettings.parse({ phases: { presentation: { comment: true } } });
    expect(permissionsFor(settings, {}, 'presentation').comment).toBe(true);
    expect(permissionsFor(settings, { presentation: { comment: false } }, 'presentation').comment).toBe(
      false,
    );
  });

  it('maps contribution kinds to the permission they need', () => {
    expect(
      ['comment', 'argument-for', 'argument-against', 'proposal'].map((k) => permissionOf(k as never)),
    ).toEqual(['comment', 'argue', 'argue', 'propose']);
  });
});
