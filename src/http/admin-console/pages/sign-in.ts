import { html } from '../html.js';
import { consolePaths } from '../paths.js';
import { layout } from './layout.js';

/** The sign-in form. The token field is never filled in again, whatever was typed. */
export function signInPage(csrfToken: string, error?: string): string {
  return layout(
    { title: 'Sign in' },
    html`${error && html`<p class="error" role="alert">${error}</p>`}
      <form class="stack" method="post" action="${consolePaths.signIn}">
        <input type="hidden" name="_csrf" value="${csrfToken}" />
        <label for="token">Admin token</label>
        <input id="token" name="token" type="password" autocomplete="off" required />
        <button type="submit">Sign in</button>
      </form>
      <p class="hint">Use one of the operator tokens configured as <code>adminTokens</code> (<code>scim-bridge token create</code>).</p>`,
  );
}
