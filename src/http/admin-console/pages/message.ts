import { html } from '../html.js';
import { layout, type Frame } from './layout.js';

/** A page that says one thing: not found, a refused form, too many attempts. */
export function messagePage(frame: Frame, message: string, link?: { href: string; text: string }): string {
  return layout(
    frame,
    html`<p>${message}</p>
      ${link && html`<p><a href="${link.href}">${link.text}</a></p>`}`,
  );
}
