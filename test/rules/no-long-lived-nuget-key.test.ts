import { readFileSync } from 'node:fs';
import { noLongLivedNugetKey } from '../../src/rules/no-long-lived-nuget-key.js';
import { testRule, workflow } from '../rule-tester.js';

const zizmor = (name: string) => readFileSync(new URL(`../fixtures/zizmor-tp/${name}`, import.meta.url), 'utf8');

testRule(noLongLivedNugetKey, {
  valid: [
    { name: 'zizmor nuget-push.yml: pushes without a key (cases 47-49), and a key from NuGet/login (50-51)', code: zizmor('use-trusted-publishing/nuget-push.yml') },
    {
      name: 'NuGet/login: the key is minted through OIDC in the same job',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - uses: NuGet/login@v1
                id: login
                with:
                  user: octo
              - run: dotnet nuget push pkg/*.nupkg --api-key \${{ steps.login.outputs.NUGET_API_KEY }} --source https://api.nuget.org/v3/index.json
      `,
    },
    {
      name: 'GitHub Packages, a private feed, a source named in NuGet.Config, no source, an expression, GITHUB_TOKEN',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: dotnet nuget push pkg/*.nupkg --source https://nuget.pkg.github.com/octo/index.json --api-key \${{ secrets.GH_PACKAGES }}
              - run: dotnet nuget push pkg/*.nupkg -s https://pkgs.dev.azure.com/o/_packaging/f/nuget/v3/index.json -k \${{ secrets.AZURE }}
              - run: dotnet nuget push pkg/*.nupkg --source "github" --api-key \${{ secrets.NUGET_API_KEY }}
              - run: dotnet nuget push pkg/*.nupkg -k \${{ secrets.NUGET_API_KEY }} --skip-duplicate
              - run: nuget push pkg/x.nupkg -ApiKey \${{ secrets.NUGET_API_KEY }} -Source \${{ vars.FEED }}
              - run: dotnet nuget push pkg/*.nupkg --api-key \${{ secrets.GITHUB_TOKEN }} --source nuget.org
              - run: dotnet nuget list source
                env:
                  NUGET_API_KEY: \${{ secrets.NUGET_API_KEY }}
      `,
    },
    {
      name: 'NuGet.Config DefaultPushSource names a GitHub Packages source: not nuget.org',
      files: { 'nuget.config': '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n    <add key="github" value="https://nuget.pkg.github.com/octo/index.json" />\n  </packageSources>\n  <config>\n    <!-- <add key="DefaultPushSource" value="https://api.nuget.org/v3/index.json" /> -->\n    <add key="DefaultPushSource" value="github" />\n  </config>\n</configuration>\n' },
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: dotnet nuget push pkg/*.nupkg -k \${{ secrets.GH_PAT }}
      `,
    },
  ],
  invalid: [
    {
      name: 'dotnet nuget push and nuget push from bash and PowerShell, a positional key, the publish-nuget action',
      code: workflow`
        on: push
        jobs:
          bash:
            runs-on: ubuntu-latest
            steps:
              - run: dotnet nuget push pkg/*.nupkg -k \${{ secrets.NUGET_API_KEY }} -s https://api.nuget.org/v3/index.json
              - run: dotnet nuget push pkg/*.nupkg --api-key "$KEY" --source nuget.org
                env:
                  KEY: \${{ secrets.NUGET_KEY }}
          pwsh:
            runs-on: windows-latest
            steps:
              - shell: pwsh
                run: nuget push foo.nupkg -apikey $env:NUGET_KEY -Source https://www.nuget.org/api/v2/package
                env:
                  NUGET_KEY: \${{ secrets.NUGET_ORG }}
              - run: nuget.exe push foo.nupkg \${{ secrets.POSITIONAL }} -Source https://api.nuget.org/v3/index.json
          action:
            runs-on: ubuntu-latest
            steps:
              - uses: alirezanet/publish-nuget@v3.1.0
                with:
                  PROJECT_FILE_PATH: src/Lib/Lib.csproj
                  NUGET_KEY: \${{ secrets.NUGET_API_KEY }}
      `,
      errors: [
        { messageId: 'tokenInPublishJob', line: 6, column: 47, endLine: 6, endColumn: 75, data: { secret: 'NUGET_API_KEY', binding: '`--api-key`', tool: '`dotnet nuget push`' }, related: ['6:14'] },
        { messageId: 'tokenInPublishJob', line: 7, column: 54, endLine: 7, endColumn: 60, data: { secret: 'NUGET_KEY', binding: '`--api-key`', tool: '`dotnet nuget push`' } },
        { messageId: 'tokenInPublishJob', line: 14, column: 43, endLine: 14, endColumn: 57, data: { secret: 'NUGET_ORG', binding: '`-ApiKey`', tool: '`nuget push`' } },
        { messageId: 'tokenInPublishJob', line: 17, column: 39, endLine: 17, endColumn: 64, data: { secret: 'POSITIONAL', binding: '`push <package> <apiKey>`', tool: '`nuget push`' } },
        { messageId: 'tokenInPublishJob', line: 24, column: 11, endLine: 24, endColumn: 50, data: { secret: 'NUGET_API_KEY', binding: 'the `NUGET_KEY` input', tool: '`alirezanet/publish-nuget`' } },
      ],
    },
    {
      name: 'no --source, but the repository\'s NuGet.Config pushes to nuget.org by default',
      files: { 'src/NuGet.Config': '<configuration>\n  <config>\n    <add key="DefaultPushSource" value="https://api.nuget.org/v3/index.json" />\n  </config>\n</configuration>\n' },
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: dotnet nuget push bin/*.nupkg -k \${{ secrets.NUGET_API_KEY }}
                working-directory: src
      `,
      errors: [{ messageId: 'tokenInPublishJob', line: 6, column: 47, endLine: 6, endColumn: 75 }],
    },
    {
      name: 'the hybrid: NuGet/login and id-token: write, but the push still takes the stored key; a key written out',
      code: workflow`
        on: push
        jobs:
          hybrid:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - uses: NuGet/login@v1
                id: login
                with:
                  user: octo
              - run: dotnet nuget push pkg/*.nupkg --api-key \${{ secrets.NUGET_API_KEY }} --source https://api.nuget.org/v3/index.json
          literal:
            runs-on: ubuntu-latest
            steps:
              - run: dotnet nuget push pkg/*.nupkg -k oy2abcdefghijklmnopqrstuvwxyz0123456789abcdefg -s nuget.org
      `,
      errors: [
        { messageId: 'tokenIsTheCredential', line: 11, column: 54, endLine: 11, endColumn: 82, data: { secret: 'NUGET_API_KEY', binding: '`--api-key`', tool: '`dotnet nuget push`' } },
        { messageId: 'hardcodedToken', line: 15, column: 47, endLine: 15, endColumn: 93, data: { binding: '`--api-key`' } },
      ],
    },
  ],
});
