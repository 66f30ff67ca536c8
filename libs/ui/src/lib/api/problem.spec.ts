import { HttpErrorResponse } from '@angular/common/http';
import { fieldErrors, problemMessage } from './problem';

describe('problem helpers', () => {
  it('shows the detail of a problem document', () => {
    const error = new HttpErrorResponse({
      status: 403,
      error: { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Customer accounts sign in to the portal.' },
    });
    expect(problemMessage(error)).toBe('Customer accounts sign in to the portal.');
  });

  it('parses problem documents of text-typed calls and maps field errors', () => {
    const body = JSON.stringify({
      title: 'Bad Request',
      status: 400,
      detail: 'Validation failed',
      errors: [{ field: 'newPassword', message: 'newPassword is too common' }],
    });
    const error = new HttpErrorResponse({ status: 400, error: body });
    expect(problemMessage(error)).toBe('Validation failed');
    expect(fieldErrors(error)).toEqual({ newPassword: 'New password is too common' });
  });

  it('turns field fragments and property-named messages into sentences', () => {
    const error = new HttpErrorResponse({
      status: 400,
      error: {
        status: 400,
        errors: [
          { field: 'currentPassword', message: 'is incorrect' },
          { field: 'username', message: 'username must be 3-64 letters' },
          { field: 'email', message: 'Enter a valid address' },
        ],
      },
    });
    expect(fieldErrors(error)).toEqual({
      currentPassword: 'Current password is incorrect',
      username: 'Username must be 3-64 letters',
      email: 'Enter a valid address',
    });
  });

  it('explains an unreachable server and falls back to the status', () => {
    expect(problemMessage(new HttpErrorResponse({ status: 0 }))).toMatch(/cannot be reached/);
    expect(problemMessage(new HttpErrorResponse({ status: 502, error: '<html>' }))).toBe('The request failed (HTTP 502).');
  });
});
