import { Injectable, inject } from '@angular/core';
import { CustomersService } from '@copilot/client';
import { settle } from '@copilot/ui';

export interface CustomerOption {
  customerCode: string;
  name: string;
}

/**
 * Customers found by a search on the server (one short page, never the whole table), with the names seen so
 * far remembered so a code can be shown as "Name (code)".
 */
@Injectable({ providedIn: 'root' })
export class CustomerSearch {
  private readonly api = inject(CustomersService);
  private readonly names = new Map<string, string>();

  async search(q: string): Promise<CustomerOption[]> {
    const page = await settle(this.api.customersList({ limit: 20, q: q || undefined }));
    const options = page.items.map((c) => ({ customerCode: c.customerCode, name: c.name }));
    options.forEach((o) => this.names.set(o.customerCode, o.name));
    return options;
  }

  /** The name of a code, looking it up once when it was not seen yet; null when unknown or invisible. */
  async nameOf(code: string): Promise<string | null> {
    const known = this.names.get(code);
    if (known !== undefined) {
      return known;
    }
    const match = (await this.search(code)).find((c) => c.customerCode === code);
    return match?.name ?? null;
  }

  /** "Name (code)" when the name is known, else the code. */
  label(code: string | null): string {
    if (code === null) {
      return '';
    }
    const name = this.names.get(code);
    return name ? `${name} (${code})` : code;
  }
}
