/** The committed OpenAPI document of the api (regenerate with `npm run openapi`). */
export const OPENAPI_DOCUMENT_PATH = 'libs/contract/openapi.json';
