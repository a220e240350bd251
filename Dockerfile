# Build: a static binary with no cgo.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN mkdir -p /out/data && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/devpulse ./cmd/devpulse

# Run: distroless static image, non-root.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/devpulse /usr/local/bin/devpulse
COPY --from=build --chown=65532:65532 /out/data /data
ENV DEVPULSE_ADDR=0.0.0.0:8080 \
    DEVPULSE_DATA_DIR=/data \
    DEVPULSE_LOG_FORMAT=json
VOLUME ["/data"]
EXPOSE 8080
USER nonroot:nonroot
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD ["/usr/local/bin/devpulse", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/devpulse"]
CMD ["serve"]
