import { Injectable, inject } from '@angular/core';
import { CaseTemplatesService } from '@copilot/client';
import { ApiParams, ApiResult, CursorPage, settle } from '@copilot/ui';

export type CaseTemplate = ApiResult<CaseTemplatesService, 'caseTemplatesGet'>;
export type CaseTemplateBody = ApiParams<CaseTemplatesService, 'caseTemplatesCreate'>['body'];

/** Case template calls of the console, through the generated client. */
@Injectable({ providedIn: 'root' })
export class CaseTemplatesData {
  private readonly api = inject(CaseTemplatesService);

  /** Templates by name: global ones and those of the caller's customers (or of one customer). */
  async list(customerCode: string | null, cursor: string | null, limit: number): Promise<CursorPage<CaseTemplate>> {
    const page = await settle(
      this.api.caseTemplatesList({ customerCode: customerCode ?? undefined, cursor: cursor ?? undefined, limit }),
    );
    return { items: page.items, nextCursor: page.nextCursor, total: page.total ?? page.items.length };
  }

  get(id: number): Promise<CaseTemplate> {
    return settle(this.api.caseTemplatesGet({ id }));
  }

  create(body: CaseTemplateBody): Promise<CaseTemplate> {
    return settle(this.api.caseTemplatesCreate({ body }));
  }

  /** A full replacement, sent with the version the user edited; 412 when someone saved in between. */
  replace(id: number, version: number, body: CaseTemplateBody): Promise<CaseTemplate> {
    return settle(this.api.caseTemplatesReplace({ id, 'if-match': `"${version}"`, body }));
  }

  remove(id: number): Promise<void> {
    return settle(this.api.caseTemplatesDelete({ id })).then(() => undefined);
  }
}
