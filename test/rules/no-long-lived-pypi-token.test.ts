import { readFileSync } from 'node:fs';
import { noLongLivedPypiToken } from '../../src/rules/no-long-lived-pypi-token.js';
import { testRule, workflow } from '../rule-tester.js';

const zizmor = (name: string) => readFileSync(new URL(`../fixtures/zizmor-tp/${name}`, import.meta.url), 'utf8');

testRule(noLongLivedPypiToken, {
  valid: [
    { name: 'zizmor twine-upload.yml: uploads without any token (zizmor cases 55-58 report them; no token here)', code: zizmor('use-trusted-publishing/twine-upload.yml') },
    { name: 'zizmor issue-1191-repro.yml: tokenless uv publish', code: zizmor('use-trusted-publishing/issue-1191-repro.yml') },
    {
      name: 'a private index keeps the rule silent (twine --repository-url, uv --publish-url, pypa repository-url, PDM name)',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: twine upload --repository-url https://pypi.example.com/simple dist/*
                env:
                  TWINE_PASSWORD: \${{ secrets.PYPI_TOKEN }}
              - run: uv publish --publish-url https://europe-python.pkg.dev/p/r/
                env:
                  UV_PUBLISH_TOKEN: \${{ secrets.GAR_TOKEN }}
              - uses: pypa/gh-action-pypi-publish@release/v1
                with:
                  password: \${{ secrets.PYPI_TOKEN }}
                  repository-url: https://example.com/legacy/
              - run: pdm publish -r https://devpi.example.com/root/dev
                env:
                  PDM_PUBLISH_PASSWORD: \${{ secrets.DEVPI }}
      `,
    },
    {
      name: 'an index from an expression, or a named index only a config file defines: unknown, silent',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - uses: pypa/gh-action-pypi-publish@release/v1
                with:
                  password: \${{ secrets.PYPI_TOKEN }}
                  repository-url: \${{ vars.INDEX }}
              - run: twine upload -r internal dist/*
                env:
                  TWINE_PASSWORD: \${{ secrets.PYPI_TOKEN }}
              - run: poetry publish -r private
                env:
                  POETRY_PYPI_TOKEN_PRIVATE: \${{ secrets.TOKEN }}
      `,
    },
    {
      name: 'the PyPI docs\' manual flow: a password minted through OIDC in an earlier step is not long-lived',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - id: mint-token
                run: echo "api-token=x" >> "$GITHUB_OUTPUT"
              - uses: pypa/gh-action-pypi-publish@release/v1
                with:
                  password: \${{ steps.mint-token.outputs.api-token }}
      `,
    },
    {
      name: 'dry runs, and a token only on the build step',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: uv build
                env:
                  UV_PUBLISH_TOKEN: \${{ secrets.PYPI_TOKEN }}
              - run: uv publish --dry-run
              - run: poetry publish --dry-run
                env:
                  POETRY_PYPI_TOKEN_PYPI: \${{ secrets.PYPI_TOKEN }}
              - run: twine check dist/*
                env:
                  TWINE_PASSWORD: \${{ secrets.PYPI_TOKEN }}
      `,
    },
    {
      name: 'PYPI_API_TOKEN is only a secret name: no tool reads it as an env variable',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            env:
              PYPI_API_TOKEN: \${{ secrets.PYPI_API_TOKEN }}
            steps:
              - run: uv publish
      `,
    },
    {
      name: 'an allowed secret',
      options: { allowedSecrets: ['pypi_bootstrap'] },
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: twine upload dist/*
                env:
                  TWINE_PASSWORD: \${{ secrets.PYPI_BOOTSTRAP }}
      `,
    },
  ],
  invalid: [
    {
      name: 'zizmor use-trusted-publishing.yml: passwords for PyPI and TestPyPI (cases 1, 2, 3, 6, 7); example.com stays silent (15, 16)',
      code: zizmor('use-trusted-publishing.yml'),
      errors: [
        { messageId: 'tokenOverridesOidc', line: 21, column: 11, endLine: 21, endColumn: 46, messageIncludes: ['`PYPI_TOKEN`', 'the `password` input', 'upload to pypi.org'], related: ['19:15'] },
        { messageId: 'tokenOverridesOidc', line: 28, column: 11, endLine: 28, endColumn: 46, related: ['26:15'] },
        { messageId: 'tokenOverridesOidc', line: 36, column: 11, endLine: 36, endColumn: 46, related: ['34:15'] },
        { messageId: 'tokenOverridesOidc', line: 54, column: 11, endLine: 54, endColumn: 51, messageIncludes: ['`TEST_PYPI_TOKEN`', 'the `password` input', 'upload to test.pypi.org'] },
        { messageId: 'tokenOverridesOidc', line: 61, column: 11, endLine: 61, endColumn: 51, messageIncludes: ['`TEST_PYPI_TOKEN`', 'the `password` input', 'upload to test.pypi.org'] },
      ],
    },
    {
      name: 'zizmor demo-action/action.yml: a password in a composite action (case 17)',
      filename: 'demo-action/action.yml',
      code: zizmor('use-trusted-publishing/demo-action/action.yml'),
      errors: [{ messageId: 'tokenInPublishJob', line: 11, column: 9, endLine: 11, endColumn: 44, messageIncludes: ['`PYPI_TOKEN`', '`pypa/gh-action-pypi-publish`'] }],
    },
    {
      name: 'twine, uv, Poetry and maturin tokens in a job without id-token: write',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: python -m twine upload dist/*
                env:
                  TWINE_USERNAME: __token__
                  TWINE_PASSWORD: \${{ secrets.PYPI_TOKEN }}
              - run: uv publish --token \${{ secrets.UV_TOKEN }}
              - run: poetry publish --build
                env:
                  POETRY_PYPI_TOKEN_PYPI: \${{ secrets.POETRY_TOKEN }}
              - run: maturin upload --skip-existing dist/*
                env:
                  MATURIN_PYPI_TOKEN: \${{ secrets.MATURIN_TOKEN }}
      `,
      errors: [
        { messageId: 'tokenInPublishJob', line: 9, column: 11, endLine: 9, endColumn: 52, messageIncludes: ['`PYPI_TOKEN`', '`TWINE_PASSWORD`', '`twine upload`', 'upload to pypi.org'], related: ['6:14'] },
        { messageId: 'tokenInPublishJob', line: 10, column: 33, endLine: 10, endColumn: 56, messageIncludes: ['`UV_TOKEN`', '`--token`', '`uv publish`'] },
        {
          messageId: 'tokenInPublishJob',
          line: 13,
          column: 11,
          endLine: 13,
          endColumn: 62,
          messageIncludes: ['`POETRY_TOKEN`', '`poetry publish` cannot: use `pypa/gh-action-pypi-publish` or `uv publish`'],
        },
        { messageId: 'tokenInPublishJob', line: 16, column: 11, endLine: 16, endColumn: 59, messageIncludes: ['`MATURIN_TOKEN`', '`MATURIN_PYPI_TOKEN`'] },
      ],
    },
    {
      name: 'the hybrid: maturin generate-ci\'s uv publish with UV_PUBLISH_TOKEN in a job with id-token: write (uv uses the token, not OIDC)',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            permissions:
              id-token: write
              contents: write
            steps:
              - uses: actions/download-artifact@v4
              - uses: astral-sh/setup-uv@v7
              - run: uv publish 'wheels-*/*'
                env:
                  UV_PUBLISH_TOKEN: \${{ secrets.PYPI_API_TOKEN }}
      `,
      errors: [{ messageId: 'tokenOverridesOidc', line: 13, column: 11, endLine: 13, endColumn: 58, messageIncludes: ['`PYPI_API_TOKEN`', '`uv publish`'] }],
    },
    {
      name: 'id-token: write with tools that cannot do trusted publishing, and a token the tool does not read',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            permissions:
              id-token: write
            steps:
              - run: hatch publish
                env:
                  HATCH_INDEX_USER: __token__
                  HATCH_INDEX_AUTH: \${{ secrets.HATCH_TOKEN }}
              - run: maturin publish
                env:
                  MATURIN_PASSWORD: \${{ secrets.MATURIN_PASSWORD }}
              - run: uv publish
                env:
                  TWINE_PASSWORD: \${{ secrets.OLD_TOKEN }}
      `,
      errors: [
        { messageId: 'tokenIsTheCredential', line: 11, column: 11, endLine: 11, endColumn: 55, messageIncludes: ['`hatch publish`'] },
        { messageId: 'dormantFallback', line: 14, column: 11, endLine: 14, endColumn: 60, messageIncludes: ['`MATURIN_PASSWORD`', '`maturin publish`'] },
        { messageId: 'dormantFallback', line: 17, column: 11, endLine: 17, endColumn: 51, messageIncludes: ['`OLD_TOKEN`', '`TWINE_PASSWORD`'] },
      ],
    },
    {
      name: '.pypirc and poetry config writes, a $VAR flag value, a workflow-level token reported once',
      // A directive line above the heredoc command would land inside the `run: |` script.
      skipSuppressionCheck: true,
      code: workflow`
        on: push
        env:
          TWINE_PASSWORD: \${{ secrets.SHARED }}
        jobs:
          a:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  cat > ~/.pypirc <<EOF
                  [pypi]
                  username = __token__
                  password = \${{ secrets.PYPIRC_TOKEN }}
                  EOF
              - run: poetry config pypi-token.pypi \${{ secrets.POETRY_TOKEN }}
              - run: twine upload dist/*
              - run: poetry publish
              - run: pdm publish -P "$PDM_TOKEN"
                env:
                  PDM_TOKEN: \${{ secrets.PDM_SECRET }}
          b:
            runs-on: ubuntu-latest
            steps:
              - run: twine upload -r testpypi dist/*
      `,
      errors: [
        { messageId: 'tokenInPublishJob', line: 3, column: 3, endLine: 3, endColumn: 40, messageIncludes: ['`SHARED`'] },
        { messageId: 'tokenInPublishJob', line: 9, column: 11, endLine: 9, endColumn: 32, messageIncludes: ['`PYPIRC_TOKEN`', 'the `.pypirc` it writes'] },
        { messageId: 'tokenInPublishJob', line: 14, column: 14, endLine: 14, endColumn: 71, messageIncludes: ['`POETRY_TOKEN`', 'the `pypi-token.pypi` it writes', '`poetry publish`'] },
        { messageId: 'tokenInPublishJob', line: 17, column: 29, endLine: 17, endColumn: 41, messageIncludes: ['`PDM_SECRET`', '`--password`'] },
      ],
    },
    {
      name: 'a PyPI token written out in full',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: twine upload dist/*
                env:
                  TWINE_PASSWORD: pypi-AgEIcHlwaS5vcmcCJDAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMAACKlsz
      `,
      errors: [{ messageId: 'hardcodedToken', line: 8, column: 11, endLine: 8, endColumn: 104, messageIncludes: ['`TWINE_PASSWORD`'] }],
    },
  ],
});
