# syntax=docker/dockerfile:1
# privacyregister as a container: a static Go binary on distroless.
#   docker build --build-arg VERSION=$(git describe --tags --always) -t privacyregister .
#   docker run -p 8080:8080 -v privacyregister-data:/data privacyregister

# Build: pure Go (modernc.org/sqlite, pgx), so CGO_ENABLED=0 gives one
# static binary with no C library to match on the base image.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -buildvcs=false \
      -ldflags "-s -w -X main.version=${VERSION}" \
      -o /out/privacyregister ./cmd/privacyregister
# The data directory, owned by the non-root user the image runs as
# (distroless has no shell to make it there).
RUN mkdir -p /out/data && chown 65532:65532 /out/data && chmod 700 /out/data

# Run: distroless static carries CA certificates (SMTP over TLS) and
# /usr/share/zoneinfo; the binary also embeds time/tzdata, so
# Europe/Amsterdam is known either way. No shell, no package manager.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/privacyregister /privacyregister
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
ENV PRIVACYREGISTER_ADDR=:8080 \
    PRIVACYREGISTER_DATA=/data \
    PRIVACYREGISTER_LOG_FORMAT=json
# SQLite database, secret.key and uploads; unused with PostgreSQL
# (PRIVACYREGISTER_DB), except for secret.key when
# PRIVACYREGISTER_SECRET_KEY is not set.
VOLUME ["/data"]
# 8080: the application; 9090: metrics when PRIVACYREGISTER_METRICS_ADDR=:9090.
EXPOSE 8080 9090
# No curl or shell on distroless: the binary asks its own /readyz.
HEALTHCHECK --interval=30s --timeout=6s --start-period=20s --retries=3 \
  CMD ["/privacyregister", "healthcheck"]
# serve stops gracefully on SIGTERM (docker stop): not ready, requests
# and the running job finish, within 25 s (docker's default grace is 10 s:
# use --stop-timeout 30 or stop_grace_period in compose).
STOPSIGNAL SIGTERM
ENTRYPOINT ["/privacyregister"]
CMD ["serve"]
