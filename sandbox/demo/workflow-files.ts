/**
 * The workflow files the demo repositories hold under .github/workflows, modelled on the seeds'
 * strategies (push-to-deploy per branch for Wumbo, a separate gated production workflow for
 * DreamCatchr, one unified input-driven workflow for Beacon). `on.workflow_dispatch.inputs` here is
 * what the dispatch endpoint validates against, so the YAML is the single source of truth.
 */
const WUMBO_DEPLOY = `name: Deploy

on:
  push:
    branches: [main, staging, development]
  workflow_dispatch:
    inputs:
      environment:
        description: Environment to deploy
        required: true
        type: choice
        options: [development, staging, production]
      run_migrations:
        description: Run database migrations before the rollout
        required: false
        type: boolean
        default: false

concurrency:
  group: deploy-\${{ inputs.environment || github.ref_name }}
  cancel-in-progress: false

permissions:
  id-token: write
  contents: read

jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with: { python-version: "3.12" }
      - run: pip install -r backend/requirements-dev.txt
      - run: ruff check backend && mypy backend
      - run: pytest backend --cov

  build-and-push:
    needs: test
    runs-on: ubuntu-latest
    strategy:
      matrix:
        service: [backend, frontend, worker]
    steps:
      - uses: actions/checkout@v4
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/github-deploy
          aws-region: us-east-1
      - uses: aws-actions/amazon-ecr-login@v2
      - run: docker build -t $ECR/wumbo-\${{ matrix.service }}:\${{ github.sha }} \${{ matrix.service }}
      - run: docker push $ECR/wumbo-\${{ matrix.service }}:\${{ github.sha }}

  deploy:
    needs: build-and-push
    runs-on: ubuntu-latest
    environment: \${{ inputs.environment || (github.ref_name == 'main' && 'production') || github.ref_name }}
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/github-deploy
          aws-region: us-east-1
      - if: \${{ inputs.run_migrations }}
        run: ./scripts/migrate.sh
      - uses: aws-actions/amazon-ecs-deploy-task-definition@v2
        with:
          cluster: wumbo-\${{ vars.ENV_SHORT }}
          wait-for-service-stability: true
      - run: ./scripts/smoke-test.sh
`;

const WUMBO_PR_CHECKS = `name: PR Checks

on:
  pull_request:
    branches: [main, staging, development]

jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: ruff check backend && npm run lint --prefix web
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: pytest backend && npm test --prefix web
`;

const WUMBO_SECURITY = `name: Security Scan

on:
  schedule:
    - cron: "0 3 * * *"
  workflow_dispatch:

jobs:
  scan:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: aquasecurity/trivy-action@0.28.0
        with: { scan-type: fs, severity: "CRITICAL,HIGH", exit-code: "1" }
      - run: pip-audit -r backend/requirements.txt
`;

const DREAMCATCHR_CI_CD = `name: CI/CD

on:
  push:
    branches: [dev, staging, main]
  pull_request:
    branches: [dev, staging, main]
  workflow_dispatch:
    inputs:
      environment:
        description: Environment to deploy
        required: true
        type: choice
        options: [development, staging]

jobs:
  test:
    runs-on: ubuntu-latest
    services:
      postgres: { image: "postgres:16" }
      redis: { image: "redis:7" }
    steps:
      - uses: actions/checkout@v4
      - run: pip install -r requirements.txt && python manage.py test

  build-and-push:
    needs: test
    if: github.event_name != 'pull_request'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: aws-actions/configure-aws-credentials@v4
        with: { role-to-assume: "arn:aws:iam::123456789012:role/github-deploy", aws-region: eu-west-1 }
      - run: ./scripts/build-and-push.sh \${{ github.sha }}

  deploy:
    needs: build-and-push
    if: github.ref_name != 'main'
    runs-on: ubuntu-latest
    environment: \${{ inputs.environment || (github.ref_name == 'dev' && 'development') || 'staging' }}
    steps:
      - run: ./scripts/deploy-ecs.sh web celery-worker celery-beat
      - run: ./scripts/migrate.sh
      - run: ./scripts/smoke-test.sh
`;

const DREAMCATCHR_PRODUCTION = `name: Production Deploy

on:
  workflow_dispatch:
    inputs:
      version:
        description: Release tag to deploy (defaults to the dispatched ref)
        required: false
        type: string
      skip_tests:
        description: Skip the test suite (emergency fixes only)
        required: false
        type: boolean
        default: false

jobs:
  test:
    if: \${{ !inputs.skip_tests }}
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: python manage.py test

  build-and-push:
    needs: test
    runs-on: ubuntu-latest
    steps:
      - run: ./scripts/build-and-push.sh \${{ github.sha }}

  deploy:
    needs: build-and-push
    runs-on: ubuntu-latest
    environment: production
    steps:
      - run: ./scripts/backup-database.sh
      - run: ./scripts/deploy-ecs.sh web celery-worker celery-beat
      - run: ./scripts/smoke-test.sh
`;

const DREAMCATCHR_CI_LOCAL = `name: CI (Docker Compose)

on:
  pull_request:
    branches: [main, dev, staging]
  workflow_dispatch:

jobs:
  compose-test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: docker compose --profile test up --build --exit-code-from tests
`;

const BEACON_VALIDATION = `name: 01 · Validation & Tests

on:
  push:
    branches: [main, develop]
  pull_request:

jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm ci && npm run lint && npm run typecheck
      - run: npm test -- --coverage
`;

const BEACON_DEPLOY = `name: 04 · Deploy

on:
  push:
    branches: [develop, main]
  workflow_dispatch:
    inputs:
      environment:
        description: Target environment
        required: true
        type: choice
        options: [development, staging, production]
      image_tag:
        description: Existing image tag to deploy instead of building (rollback)
        required: false
        type: string
      dry_run:
        description: Render the task definitions without deploying
        required: false
        type: boolean
        default: false

jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm ci && npm test

  build-and-push:
    needs: test
    if: \${{ !inputs.image_tag }}
    runs-on: ubuntu-latest
    steps:
      - run: ./infra/build-and-push.sh api web

  deploy:
    needs: build-and-push
    runs-on: ubuntu-latest
    environment: \${{ inputs.environment || (github.ref_name == 'develop' && 'development') || 'staging' }}
    steps:
      - run: terraform -chdir=infra/ecs apply -auto-approve -var image_tag=\${{ inputs.image_tag || github.sha }}
      - run: ./infra/wait-stable.sh
`;

const BEACON_FLAGS = `name: 15 · Feature Flags

on:
  workflow_dispatch:
    inputs:
      flag:
        description: Flag key
        required: true
        type: string
      enabled:
        description: Turn the flag on
        required: true
        type: boolean
      environment:
        description: Where to change it
        required: true
        type: environment

jobs:
  toggle:
    runs-on: ubuntu-latest
    environment: \${{ inputs.environment }}
    steps:
      - run: ./scripts/set-flag.sh "\${{ inputs.flag }}" "\${{ inputs.enabled }}"
`;

/** File name → YAML; every repo's workflows are looked up here by its own file names. */
export const WORKFLOW_FILES: Record<string, string> = {
  "deploy.yml": WUMBO_DEPLOY,
  "pr-checks.yml": WUMBO_PR_CHECKS,
  "security-scan.yml": WUMBO_SECURITY,
  "ci-cd.yml": DREAMCATCHR_CI_CD,
  "production-deploy.yml": DREAMCATCHR_PRODUCTION,
  "ci-local.yml": DREAMCATCHR_CI_LOCAL,
  "01-validation.yml": BEACON_VALIDATION,
  "04-deploy.yml": BEACON_DEPLOY,
  "15-feature-flags.yml": BEACON_FLAGS,
};
