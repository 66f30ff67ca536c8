import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { validationProblem } from '../errors/problem';

/**
 * The global pipe: whitelist + forbid unknown fields + transform, errors as problem+json. Path
 * params are left as the raw strings, so the route's own pipe (ParseIdPipe) judges them: Nest's
 * primitive transform would turn `0x6` or `6e0` into 6 and reach the wrong record.
 */
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationProblem, stopAtFirstError: false });
  }

  protected override transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    return metadata.type === 'param' ? value : super.transformPrimitive(value, metadata);
  }
}
