import { html, type Html } from '../html.js';
import { consolePaths } from '../paths.js';

export interface Frame {
  /** The document title and the page's one `<h1>`. */
  title: string;
  /** Present once signed in: who, and the token the sign-out form carries. */
  signedIn?: { label: string; csrfToken: string } | undefined;
}

/** The frame of every console page: one `<h1>`, a skip link, the stylesheet as a file (the CSP allows no inline style). */
export function layout(frame: Frame, main: Html): string {
  const account = frame.signedIn
    ? html`<nav aria-label="Console">
          <a href="${consolePaths.home}">Tenants</a>
        </nav>
        <form class="sign-out" method="post" action="${consolePaths.signOut}">
          <span>Signed in as <strong>${frame.signedIn.label}</strong></span>
          <input type="hidden" name="_csrf" value="${frame.signedIn.csrfToken}" />
          <button type="submit">Sign out</button>
        </form>`
    : null;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${frame.title} · scim-bridge admin</title>
        <link rel="stylesheet" href="${consolePaths.css}" />
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header>
          <p class="brand">scim-bridge admin</p>
          ${account}
        </header>
        <main id="main">
          <h1>${frame.title}</h1>
          ${main}
        </main>
      </body>
    </html> `.text;
}
