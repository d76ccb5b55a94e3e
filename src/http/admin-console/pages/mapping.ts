import { html } from '../html.js';
import { groupNamesOf, rolesOf, type MappingInput, type MappingPreview } from '../mapping-preview.js';
import { consolePaths } from '../paths.js';
import { layout, type Frame } from './layout.js';

export interface MappingView {
  id: string;
  /** The adapter's name (`zuora-rest`, `zscaler-zia`, …). */
  upstream: string;
  csrfToken: string;
  input: MappingInput;
  /** Absent until the operator asks for a preview. */
  result?: MappingPreview | { failure: string } | undefined;
}

const listed = (names: readonly string[]): string => (names.length > 0 ? names.join(', ') : '(none)');

/**
 * The tenant's mapping, tried out: the roles and groups an IdP would send (and a department), and what the upstream
 * would then hold for a new user. Computed by the adapter itself in a read-only context: nothing is written.
 */
export function mappingPage(frame: Frame, view: MappingView): string {
  const result = view.result;
  return layout(
    frame,
    html`<p><a href="${consolePaths.tenant(view.id)}">Back to tenant ${view.id}</a></p>
      <p>
        What <strong>${view.upstream}</strong> would hold for a new user the IdP sends with these roles and groups. Nothing is written; the upstream's
        catalogues (profiles, departments, groups) may be read.
      </p>
      <form class="stack" method="post" action="${consolePaths.mapping(view.id)}">
        <input type="hidden" name="_csrf" value="${view.csrfToken}" />
        <label for="roles">Roles (separated by commas)</label>
        <input id="roles" name="roles" value="${view.input.roles}" />
        <label for="groups">Group names (one a line)</label>
        <textarea id="groups" name="groups" rows="4">${view.input.groups}</textarea>
        <label for="department">Department (enterprise extension; ZIA maps it)</label>
        <input id="department" name="department" value="${view.input.department}" />
        <button type="submit">Preview</button>
      </form>
      ${
        result &&
        html`<section aria-labelledby="preview">
          <h2 id="preview">Preview</h2>
          ${
            'failure' in result
              ? html`<p class="error" role="alert">The mapping cannot be applied: ${result.failure}</p>`
              : html`<table>
                    <caption>
                      ${view.upstream} for roles ${listed(rolesOf(view.input))}; groups ${listed(groupNamesOf(view.input))}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">Attribute</th>
                        <th scope="col">Value</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${result.rows.map(
                        (r) =>
                          html`<tr>
                            <th scope="row"><code>${r.attribute}</code></th>
                            <td>${r.value}</td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>
                  <p class="hint">
                    For a new user. An existing user keeps what the upstream holds until its mapped roles or groups change. ${result.reads} upstream read(s), no
                    write.
                  </p>`
          }
        </section>`
      }`,
  );
}
