import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatCard, MatCardContent } from '@angular/material/card';
import { Router } from '@angular/router';
import { Notifier, PageHeaderComponent, fieldErrors, problemMessage, statusOf } from '@copilot/ui';
import { toCreateBody } from './customer-body';
import { CustomerFormComponent, CustomerFormValue } from './customer-form.component';
import { CustomersData } from './customers-data.service';

@Component({
  selector: 'cp-customer-create',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatCard, MatCardContent, PageHeaderComponent, CustomerFormComponent],
  template: `
    <section class="ui-page">
      <ui-page-header title="New customer" backLink="/customers" backLabel="Back to customers" />
      <mat-card appearance="outlined">
        <mat-card-content>
          <cp-customer-form
            submitLabel="Create customer"
            [saving]="saving()"
            [serverErrors]="serverErrors()"
            (submitted)="save($event)"
            (cancelled)="cancel()"
          />
        </mat-card-content>
      </mat-card>
    </section>
  `,
})
export class CustomerCreatePage {
  private readonly data = inject(CustomersData);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  protected readonly saving = signal(false);
  protected readonly serverErrors = signal<Record<string, string>>({});

  protected async save(value: CustomerFormValue): Promise<void> {
    this.saving.set(true);
    this.serverErrors.set({});
    try {
      const customer = await this.data.create(toCreateBody(value));
      this.notifier.success(`Customer “${customer.name}” created.`);
      await this.router.navigate(['/customers', customer.id]);
    } catch (error) {
      const fields = fieldErrors(error);
      if (statusOf(error) === 409) {
        fields['customerCode'] = problemMessage(error);
      }
      this.serverErrors.set(fields);
      if (Object.keys(fields).length === 0) {
        this.notifier.error(error);
      }
    } finally {
      this.saving.set(false);
    }
  }

  protected cancel(): void {
    void this.router.navigate(['/customers']);
  }
}
