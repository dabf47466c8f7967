/** A mistake the user can fix (unknown team, value out of range). Its message is shown to them as is. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly suggestions: readonly string[] = [],
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export const isUserError = (err: unknown): err is UserError => err instanceof UserError;
