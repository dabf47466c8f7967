/** Discord JSON error codes the stand-in emits, with Discord's own messages (opcodes-and-status-codes.mdx). */
export const ErrorCode = {
  General: 0,
  UnknownChannel: 10003,
  UnknownGuild: 10004,
  UnknownMember: 10007,
  UnknownMessage: 10008,
  UnknownRole: 10011,
  UnknownUser: 10013,
  UnknownWebhook: 10015,
  UnknownInteraction: 10062,
  UnknownApplicationCommand: 10063,
  Unauthorized: 40001,
  CannotSendInForum: 40058,
  InteractionAlreadyAcknowledged: 40060,
  MissingAccess: 50001,
  CannotSendEmptyMessage: 50006,
  CannotSendInNonTextChannel: 50008,
  MissingPermissions: 50013,
  InvalidFormBody: 50035,
} as const;

const MESSAGES: Record<number, string> = {
  [ErrorCode.UnknownChannel]: 'Unknown Channel',
  [ErrorCode.UnknownGuild]: 'Unknown Guild',
  [ErrorCode.UnknownMember]: 'Unknown Member',
  [ErrorCode.UnknownMessage]: 'Unknown Message',
  [ErrorCode.UnknownRole]: 'Unknown Role',
  [ErrorCode.UnknownUser]: 'Unknown User',
  [ErrorCode.UnknownWebhook]: 'Unknown Webhook',
  [ErrorCode.UnknownInteraction]: 'Unknown interaction',
  [ErrorCode.UnknownApplicationCommand]: 'Unknown application command',
  [ErrorCode.Unauthorized]: 'You need to verify your account in order to perform this action.',
  [ErrorCode.CannotSendInForum]: 'Cannot send messages in a forum channel',
  [ErrorCode.InteractionAlreadyAcknowledged]: 'Interaction has already been acknowledged.',
  [ErrorCode.MissingAccess]: 'Missing Access',
  [ErrorCode.CannotSendEmptyMessage]: 'Cannot send an empty message',
  [ErrorCode.CannotSendInNonTextChannel]: 'Cannot send messages in a non-text channel',
  [ErrorCode.MissingPermissions]: 'Missing Permissions',
  [ErrorCode.InvalidFormBody]: 'Invalid Form Body',
};

/** The text Discord puts in the body for a bare HTTP status (code 0). */
export const STATUS_MESSAGES: Record<number, string> = {
  400: '400: Bad Request',
  401: '401: Unauthorized',
  403: '403: Forbidden',
  404: '404: Not Found',
  405: '405: Method Not Allowed',
  500: '500: Internal Server Error',
  502: '502: Bad Gateway',
  503: '503: Service Unavailable',
};

export function messageForCode(code: number, status: number): string {
  return MESSAGES[code] ?? STATUS_MESSAGES[status] ?? `${status}`;
}

/** The nested `errors` object of a 50035 response, e.g. { content: { _errors: [{ code, message }] } }. */
export type FormErrors = { [key: string]: FormErrors | { code: string; message: string }[] };

/** Thrown by route handlers; the server turns it into Discord's error JSON. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message?: string,
    readonly errors?: FormErrors,
  ) {
    super(message ?? messageForCode(code, status));
    this.name = 'ApiError';
  }

  toBody(): Record<string, unknown> {
    return this.errors ? { message: this.message, code: this.code, errors: this.errors } : { message: this.message, code: this.code };
  }
}

/** One field error at a dotted path ("embeds.0.title") in Discord's nested 50035 shape. */
export function formError(path: string, code: string, message: string): ApiError {
  const errors: FormErrors = {};
  let node: FormErrors = errors;
  const keys = path.split('.');
  keys.forEach((key, i) => {
    if (i === keys.length - 1) {
      node[key] = { _errors: [{ code, message }] };
    } else {
      const next: FormErrors = {};
      node[key] = next;
      node = next;
    }
  });
  return new ApiError(400, ErrorCode.InvalidFormBody, 'Invalid Form Body', errors);
}
