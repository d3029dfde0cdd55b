# The acqspec web workspace (acqspec serve) in a container.
#
#   docker build -t acqspec .
#   docker run --rm -p 127.0.0.1:8000:8000 --read-only --tmpfs /tmp:rw,noexec,nosuid,size=512m acqspec
#
# The root file system can be read-only: uploads live in per-request folders under /tmp (a tmpfs,
# deleted when each response is sent) and the library cache goes there too (XDG_CACHE_HOME).
# Add -e ACQSPEC_AUTH_TOKEN=... to require a Bearer token on /api/.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    TMPDIR=/tmp XDG_CACHE_HOME=/tmp/cache

WORKDIR /src
COPY pyproject.toml README.md LICENSE CHANGELOG.md ./
COPY acqspec ./acqspec
COPY clause_library ./clause_library
COPY nlp_models ./nlp_models
RUN pip install --no-compile '.[web]' && rm -rf /src

RUN useradd --system --uid 10001 --home-dir /nonexistent --shell /usr/sbin/nologin acqspec
USER 10001
WORKDIR /tmp
EXPOSE 8000
# 0.0.0.0 inside the container; publish the port on 127.0.0.1 (as above) or behind the office's proxy.
CMD ["acqspec", "serve", "--host", "0.0.0.0", "--port", "8000"]
