import { TestBed } from '@angular/core/testing';
import { StatusFilterComponent } from './status-filter.component';

describe('StatusFilterComponent', () => {
  it('shows counts and emits the new selection in the options order', () => {
    const fixture = TestBed.createComponent(StatusFilterComponent);
    fixture.componentRef.setInput('options', [
      { value: 'OPEN', label: 'Open', count: 4 },
      { value: 'IN_PROGRESS', label: 'In progress' },
      { value: 'CLOSED', label: 'Closed', count: 0 },
    ]);
    fixture.componentRef.setInput('selected', ['CLOSED']);
    const emitted: string[][] = [];
    fixture.componentInstance.selectedChange.subscribe((v) => emitted.push(v));
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;

    const chips = [...element.querySelectorAll<HTMLElement>('mat-chip-option')];
    expect(chips.map((c) => c.textContent?.replace(/\s+/g, ' ').trim())).toEqual(['Open 4', 'In progress', 'Closed 0']);
    expect(chips[2].querySelector('[role="option"]')?.getAttribute('aria-selected')).toBe('true');

    chips[0].querySelector<HTMLElement>('[role="option"]')?.click();

    expect(emitted).toEqual([['OPEN', 'CLOSED']]);
  });
});
