/** Exit statuses of the `liquide` commands. */
export const EXIT_OK = 0;
/** Invalid input (e.g. a scenario breaking a rule). */
export const EXIT_INVALID = 1;
/** Usage error: unknown subcommand or option. */
export const USAGE_ERROR = 2;
