import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CommonErrorCode } from './common-errors';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-errors';
import { errorDefinition, interpolate, pickLanguage, type Language } from './error-catalog';
import { redactSecrets } from '../security/redact';
import { summary } from './issue-messages';
import { withStatusWords } from './status-words';
import { LiquideError } from './liquide-error';
import { describeIssues, InputValidationError, type FieldProblem } from './validation';

/** The body of every error answer. */
export interface ErrorBody {
  readonly statusCode: number;
  readonly code: string;
  readonly message: string;
  readonly field?: string;
  readonly errors?: readonly FieldProblem[];
}

/** Builds the answer for an error in one language; unknown errors become a logged 500. */
export function renderError(error: unknown, language: Language, logger: Logger): ErrorBody {
  if (error instanceof InputValidationError) {
    const errors = describeIssues(error.issues, language);
    const body = render(CommonErrorCode.ValidationFailed, language, { count: errors.length });
    return { ...body, message: summary(errors.length, language), errors };
  }
  if (error instanceof LiquideError) {
    const body = render(error.code, language, withStatusWords(error.options.params ?? {}, language));
    return error.options.field ? { ...body, field: error.options.field } : body;
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404) {
      return render(CommonErrorCode.RouteNotFound, language, {});
    }
    if (status === 413) {
      return render(CommonErrorCode.PayloadTooLarge, language, {});
    }
    if (status < 500) {
      return {
        ...render(CommonErrorCode.BadRequest, language, { reason: error.message }),
        statusCode: status,
      };
    }
  }
  const bodyParserStatus = (error as { status?: unknown; type?: unknown }).status;
  if (typeof bodyParserStatus === 'number' && bodyParserStatus >= 400 && bodyParserStatus < 500) {
    const reason = (error as Error).message;
    return { ...render(CommonErrorCode.BadRequest, language, { reason }), statusCode: bodyParserStatus };
  }
  if (isDatabaseUnavailable(error)) {
    // an answer, not an incident: one short line, without the SQL and its values
    logger.warn(`Database unavailable: ${firstLine(error)}`);
    return render(CommonErrorCode.DatabaseUnavailable, language, {});
  }
  // driver errors quote their SQL with the values bound to it: e-mails, hashes, tokens
  logger.error(redactSecrets(error instanceof Error ? (error.stack ?? error.message) : String(error)));
  return render(CommonErrorCode.Internal, language, {});
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return redactSecrets(text.split('\n', 1)[0].slice(0, 200));
}

function render(
  code: string,
  language: Language,
  params: Readonly<Record<string, string | number>>,
): ErrorBody {
  const definition = errorDefinition(code);
  if (!definition) {
    return { statusCode: 500, code, message: code };
  }
  return { statusCode: definition.status, code, message: interpolate(definition[language], params) };
}

/** Maps every error to a status, a code and a message in the caller's language. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') {
      throw error;
    }
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const body = renderError(error, pickLanguage(request.headers['accept-language']), this.logger);
    if (body.statusCode === 503) {
      response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    }
    response.status(body.statusCode).json(body);
  }
}
