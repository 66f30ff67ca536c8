import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { AUTH_CONFIG } from './auth-config';
import { AuthGateway } from './auth-gateway';
import { authInterceptor } from './auth.interceptor';
import { SessionService } from './session.service';

const STORAGE_KEY = 'copilot.portal.token';
const TOKEN = 'header.eyJzdWIiOiIxIn0.sig';

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let session: SessionService;
  let router: Router;

  beforeEach(() => {
    sessionStorage.clear();
    sessionStorage.setItem(STORAGE_KEY, TOKEN);
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        {
          provide: AUTH_CONFIG,
          useValue: { clientId: 'portal', appName: 'Portal', loginPath: '/login', homePath: '/', profilePath: '/profile' },
        },
        { provide: AuthGateway, useValue: {} },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    session = TestBed.inject(SessionService);
    router = TestBed.inject(Router);
  });

  afterEach(() => backend.verify());

  it('adds the bearer token to api calls', async () => {
    const done = firstValueFrom(http.get('/api/customers'));
    const request = backend.expectOne('/api/customers');
    expect(request.request.headers.get('Authorization')).toBe(`Bearer ${TOKEN}`);
    request.flush({ items: [] });
    await done;
  });

  it('sends no token with the sign-in request or to other origins', async () => {
    const signIn = firstValueFrom(http.post('/api/auth/token', 'username=a'));
    const signInRequest = backend.expectOne('/api/auth/token');
    expect(signInRequest.request.headers.has('Authorization')).toBe(false);
    signInRequest.flush({});
    await signIn;

    const external = firstValueFrom(http.get('https://example.org/api/x'));
    const externalRequest = backend.expectOne('https://example.org/api/x');
    expect(externalRequest.request.headers.has('Authorization')).toBe(false);
    externalRequest.flush({});
    await external;
  });

  it('on 401 signs out and routes to the sign-in page with a return URL', async () => {
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    jest.spyOn(router, 'url', 'get').mockReturnValue('/overview?tab=1');

    const call = firstValueFrom(http.get('/api/auth/me'));
    backend
      .expectOne('/api/auth/me')
      .flush({ status: 401, title: 'Unauthorized' }, { status: 401, statusText: 'Unauthorized' });

    await expect(call).rejects.toMatchObject({ status: 401 });
    expect(session.token()).toBeNull();
    expect(sessionStorage.getItem(STORAGE_KEY)).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/login'], {
      queryParams: { returnUrl: '/overview?tab=1', reason: 'expired' },
    });
  });

  it('leaves the session alone when the sign-in itself answers 401', async () => {
    const navigate = jest.spyOn(router, 'navigate');
    const call = firstValueFrom(http.post('/api/auth/token', 'username=a'));
    backend
      .expectOne('/api/auth/token')
      .flush({ detail: 'Incorrect username or password' }, { status: 401, statusText: 'Unauthorized' });

    await expect(call).rejects.toMatchObject({ status: 401 });
    expect(session.token()).toBe(TOKEN);
    expect(navigate).not.toHaveBeenCalled();
  });
});
