import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import {
  ConfirmService,
  EmptyStateComponent,
  Notifier,
  PageHeaderComponent,
  StatusChipComponent,
  fieldErrors,
  problemMessage,
  statusOf,
} from '@copilot/ui';
import { toFormValue, toUpdateBody } from './customer-body';
import { CustomerFormComponent, CustomerFormValue } from './customer-form.component';
import { Customer, CustomersData } from './customers-data.service';

/** One customer: every meta field, activation, and deletion (refused by the api while the customer owns data). */
@Component({
  selector: 'cp-customer-edit',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    MatButton,
    MatCard,
    MatCardContent,
    MatIcon,
    MatProgressBar,
    EmptyStateComponent,
    PageHeaderComponent,
    StatusChipComponent,
    CustomerFormComponent,
  ],
  templateUrl: './customer-edit.page.html',
})
export class CustomerEditPage {
  private readonly data = inject(CustomersData);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly confirmer = inject(ConfirmService);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();
  protected readonly customer = signal<Customer | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly serverErrors = signal<Record<string, string>>({});
  protected readonly formValue = computed(() => {
    const customer = this.customer();
    return customer ? toFormValue(customer) : null;
  });

  constructor() {
    effect(() => {
      const id = Number(this.id());
      untracked(() => void this.load(id));
    });
  }

  protected async save(value: CustomerFormValue): Promise<void> {
    const customer = this.customer();
    if (!customer) {
      return;
    }
    await this.run(async () => {
      this.serverErrors.set({});
      try {
        this.customer.set(await this.data.update(customer.id, customer.version, toUpdateBody(value)));
        this.notifier.success('Customer saved.');
      } catch (error) {
        if (statusOf(error) === 412) {
          this.notifier.warn('Someone else saved this customer in the meantime. Their version is shown now; apply your change again.');
          await this.load(customer.id);
          return;
        }
        const fields = fieldErrors(error);
        this.serverErrors.set(fields);
        if (Object.keys(fields).length === 0) {
          this.notifier.error(error);
        }
      }
    });
  }

  protected async setActive(active: boolean): Promise<void> {
    const customer = this.customer();
    if (!customer) {
      return;
    }
    if (
      !active &&
      !(await this.confirmer.confirm({
        title: `Deactivate ${customer.name}?`,
        message: 'An inactive customer is hidden from lists and its users lose access. You can activate it again later.',
        confirmLabel: 'Deactivate',
        destructive: true,
      }))
    ) {
      return;
    }
    await this.run(async () => {
      try {
        await (active ? this.data.activate(customer.id) : this.data.deactivate(customer.id));
        this.customer.set(await this.data.get(customer.id));
        this.notifier.success(active ? 'Customer activated.' : 'Customer deactivated.');
      } catch (error) {
        this.notifier.error(error);
      }
    });
  }

  protected async remove(): Promise<void> {
    const customer = this.customer();
    if (!customer) {
      return;
    }
    const confirmed = await this.confirmer.confirm({
      title: `Delete ${customer.name}?`,
      message: `This removes the customer “${customer.customerCode}” for good. A customer that already owns data cannot be deleted; deactivate it instead.`,
      confirmLabel: 'Delete',
      destructive: true,
    });
    if (!confirmed) {
      return;
    }
    await this.run(async () => {
      try {
        await this.data.remove(customer.id);
        this.notifier.success(`Customer “${customer.name}” deleted.`);
        await this.router.navigate(['/customers']);
      } catch (error) {
        this.notifier.error(error);
      }
    });
  }

  protected back(): void {
    void this.router.navigate(['/customers']);
  }

  private async load(id: number): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      this.customer.set(await this.data.get(id));
    } catch (error) {
      this.customer.set(null);
      this.loadError.set(statusOf(error) === 404 ? 'This customer does not exist or is outside your access.' : problemMessage(error));
    } finally {
      this.loading.set(false);
    }
  }

  private async run(task: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    try {
      await task();
    } finally {
      this.busy.set(false);
    }
  }
}
