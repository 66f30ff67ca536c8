import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

/** Mirrors the api's policy so users see it before submitting; the api stays the judge. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_POLICY_HINT = `At least ${PASSWORD_MIN_LENGTH} characters; common passwords are refused.`;

/** Group validator: `confirmKey` must equal `passwordKey`. */
export function matchingPasswords(passwordKey: string, confirmKey: string): ValidatorFn {
  return (group: AbstractControl): ValidationErrors | null => {
    const password = group.get(passwordKey)?.value;
    const confirm = group.get(confirmKey);
    if (!confirm) {
      return null;
    }
    const mismatch = Boolean(confirm.value) && password !== confirm.value;
    const errors = { ...(confirm.errors ?? {}) };
    if (mismatch) {
      errors['mismatch'] = true;
    } else {
      delete errors['mismatch'];
    }
    confirm.setErrors(Object.keys(errors).length ? errors : null);
    return null;
  };
}

/** Shows a server-side message on a control until its value changes. */
export function setServerError(control: AbstractControl | null, message: string): void {
  if (!control) {
    return;
  }
  control.setErrors({ ...(control.errors ?? {}), server: message });
  control.markAsTouched();
}
