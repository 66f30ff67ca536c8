import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { CommentView, CommentsComponent } from './comments.component';

describe('CommentsComponent', () => {
  const comments: CommentView[] = [
    { id: 1, authorUsername: 'soc.dana', body: 'Isolated the host.\nImage follows.', createdAt: '2026-03-10T09:00:00Z' },
  ];

  function render(send: jest.Mock) {
    const fixture = TestBed.createComponent(CommentsComponent);
    fixture.componentRef.setInput('comments', comments);
    fixture.componentRef.setInput('send', send);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const box = element.querySelector<HTMLTextAreaElement>('[data-testid="comment-body"]');
    const button = element.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (!box || !button) {
      throw new Error('comment form missing');
    }
    const type = (text: string) => {
      box.value = text;
      box.dispatchEvent(new Event('input'));
      fixture.detectChanges();
    };
    return { fixture, element, box, button, type };
  }

  it('lists the comments and sends a trimmed body, then empties the box', async () => {
    const send = jest.fn().mockResolvedValue(undefined);
    const { fixture, element, box, button, type } = render(send);

    expect(element.querySelector('[data-testid="comment-1"]')?.textContent).toContain('soc.dana');
    expect(element.querySelector('[data-testid="comment-1"] p')?.textContent).toBe('Isolated the host.\nImage follows.');
    expect(button.disabled).toBe(true);

    type('  Thanks, we confirm.  ');
    expect(button.disabled).toBe(false);
    button.click();
    await fixture.whenStable();
    fixture.detectChanges();

    expect(send).toHaveBeenCalledWith('Thanks, we confirm.');
    expect(box.value).toBe('');
  });

  it('keeps the text and shows the problem when sending fails', async () => {
    const send = jest
      .fn()
      .mockRejectedValue(new HttpErrorResponse({ status: 404, error: { status: 404, detail: 'Case 4 not found' } }));
    const { fixture, element, box, button, type } = render(send);

    type('Lost?');
    button.click();
    await fixture.whenStable();
    fixture.detectChanges();

    expect(element.querySelector('[role="alert"]')?.textContent).toContain('Case 4 not found');
    expect(box.value).toBe('Lost?');
  });
});
