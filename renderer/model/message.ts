/** The text of a failure to show the user: our errors carry their Chinese message. */
export const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
