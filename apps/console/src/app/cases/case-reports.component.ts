import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelect } from '@angular/material/select';
import { Notifier, blobProblem, problemMessage, saveResponse } from '@copilot/ui';
import { Subscription } from 'rxjs';
import { CaseFilesData, ReportTemplate } from './case-files-data.service';

/**
 * Reports of a case: a DOCX rendered into an uploaded template of the user's choice, or a PDF; both download.
 * A new DOCX template can be uploaded here too (the api compiles it first and refuses a broken one).
 */
@Component({
  selector: 'cp-case-reports',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButton, MatFormField, MatHint, MatIcon, MatLabel, MatOption, MatProgressBar, MatSelect],
  template: `
    @if (busy()) {
      <mat-progress-bar mode="indeterminate" />
    }
    <section>
      <h3>Word report</h3>
      <div class="row">
        <mat-form-field class="grow">
          <mat-label>Template</mat-label>
          <mat-select [formControl]="template" data-testid="case-report-template">
            @for (t of templates(); track t.name) {
              <mat-option [value]="t.name">{{ t.name }}</mat-option>
            }
          </mat-select>
          @if (templates().length === 0 && !loading()) {
            <mat-hint>No templates yet: upload a .docx with {{ '{' }}name{{ '}' }}-style tags.</mat-hint>
          }
        </mat-form-field>
        <button mat-flat-button type="button" [disabled]="busy() || !template.value" (click)="docx()">
          <mat-icon>description</mat-icon>Render DOCX
        </button>
        <button mat-stroked-button type="button" [disabled]="busy()" (click)="picker.click()">
          <mat-icon>upload</mat-icon>Upload template
        </button>
        <input #picker type="file" hidden accept=".docx" (change)="uploadTemplate(picker)" data-testid="case-report-template-input" />
      </div>
    </section>
    <section>
      <h3>PDF report</h3>
      <p class="ui-muted">The case, its alerts, tasks, comments and timeline as a printable PDF.</p>
      <button mat-flat-button type="button" [disabled]="busy()" (click)="pdf()"><mat-icon>picture_as_pdf</mat-icon>Render PDF</button>
    </section>
    @if (error(); as message) {
      <p class="ui-error-text" role="alert">{{ message }}</p>
    }
  `,
  styles: `
    h3 {
      margin: 8px 0;
      font: var(--mat-sys-title-small);
    }
    section {
      margin-bottom: 16px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 8px 12px;
    }
    .grow {
      flex: 1 1 260px;
      max-width: 420px;
    }
  `,
})
export class CaseReportsComponent {
  private readonly data = inject(CaseFilesData);
  private readonly notifier = inject(Notifier);
  readonly caseId = input.required<number>();
  protected readonly templates = signal<ReportTemplate[]>([]);
  protected readonly template = new FormControl<string | null>(null);
  protected readonly loading = signal(true);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  private upload: Subscription | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.upload?.unsubscribe());
    void this.loadTemplates(null);
  }

  protected async docx(): Promise<void> {
    const template = this.template.value;
    if (template) {
      await this.render(() => this.data.renderDocx(this.caseId(), template), `case-${this.caseId()}-report.docx`);
    }
  }

  protected async pdf(): Promise<void> {
    await this.render(() => this.data.renderPdf(this.caseId()), `case-${this.caseId()}-report.pdf`);
  }

  protected uploadTemplate(input: HTMLInputElement): void {
    const file = input.files?.item(0);
    input.value = '';
    if (!file) {
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.upload = this.data.uploadReportTemplate(file).subscribe({
      next: (event) => {
        if (event.kind === 'done') {
          this.busy.set(false);
          this.notifier.success(`Template ${event.result.name} uploaded.`);
          void this.loadTemplates(event.result.name);
        }
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(problemMessage(error));
      },
    });
  }

  private async render(call: () => ReturnType<CaseFilesData['renderPdf']>, fallback: string): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      saveResponse(await call(), fallback);
    } catch (error) {
      // Binary calls carry the problem document as a Blob.
      this.error.set(await blobProblem(error));
    } finally {
      this.busy.set(false);
    }
  }

  private async loadTemplates(select: string | null): Promise<void> {
    this.loading.set(true);
    try {
      const templates = await this.data.reportTemplates();
      this.templates.set(templates);
      const pick = select ?? (!this.template.value && templates.length === 1 ? templates[0].name : null);
      if (pick) {
        this.template.setValue(pick);
      }
    } catch (error) {
      this.error.set(problemMessage(error));
    } finally {
      this.loading.set(false);
    }
  }
}

