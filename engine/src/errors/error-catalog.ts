/** The languages Liquide speaks; French first. */
export type Language = 'fr' | 'en';

/** How one error code reads and which HTTP status it maps to. */
export interface ErrorDefinition {
  readonly status: number;
  readonly fr: string;
  readonly en: string;
}

const catalog = new Map<string, ErrorDefinition>();

/**
 * Registers a feature's error codes with their status and French / English messages.
 * Messages may hold `{name}` placeholders filled from the error's params.
 */
export function defineErrors<Code extends string>(
  definitions: Record<Code, ErrorDefinition>,
): Record<Code, ErrorDefinition> {
  for (const [code, definition] of Object.entries(definitions) as [Code, ErrorDefinition][]) {
    catalog.set(code, definition);
  }
  return definitions;
}

export function errorDefinition(code: string): ErrorDefinition | undefined {
  return catalog.get(code);
}

/** Fills `{name}` placeholders. */
export function interpolate(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** French unless the client asks for English first. */
export function pickLanguage(acceptLanguage: string | undefined): Language {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'fr';
}
