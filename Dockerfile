# One image for every role: worker-collect, worker-score, beat, flower, the sandbox.
# They differ only in their command (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    RUNTIME__DLTHUB_TELEMETRY=false

RUN useradd --create-home --uid 10001 harbor
WORKDIR /app

# dependencies first, so a code change does not reinstall them; the exact versions CI
# tested, from constraints.txt
COPY setup.cfg pyproject.toml constraints.txt ./
RUN mkdir -p harbor workers && touch README.md harbor/__init__.py workers/__init__.py \
    && pip install -c constraints.txt . && pip uninstall -y redditharbor

COPY . .
RUN pip install --no-deps . && rm -rf build *.egg-info

USER harbor
ENV HARBOR_DLT_DIR=/home/harbor/.harbor/dlt
CMD ["celery", "-A", "workers", "worker", "-Q", "collect"]
