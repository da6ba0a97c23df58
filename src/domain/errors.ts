// A user-facing error: its message is shown as is (one line), with a stable code for platforms.
export type UserErrorCode = 'not_found' | 'bad_input' | 'nothing_to_brief' | 'unavailable';

export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
