# The khgps-nf tools image: a Java 17 runtime, the fat jar and bin/ launchers, and procps (Nextflow
# reads task metrics with ps). Build it from the repository root after `mvn -B -DskipTests package`:
#     docker build -t khgps-nf:0.1.0 --build-arg KHGPS_GIT_COMMIT=$(git rev-parse HEAD) .
# tests/container/build.sh builds it with podman on a Debian base made here (--build-arg BASE=...).
ARG BASE=eclipse-temurin:17-jre-jammy
FROM ${BASE}
ARG KHGPS_GIT_COMMIT=unknown
RUN command -v ps >/dev/null \
    || (apt-get update && apt-get install -y --no-install-recommends procps && rm -rf /var/lib/apt/lists/*)
COPY java-tools/khgps-cli/target/khgps.jar /opt/khgps/khgps.jar
COPY bin/ /opt/khgps/bin/
# bin/khgps finds the jar through KHGPS_JAR; the provenance names the commit the jar was built from
ENV KHGPS_JAR=/opt/khgps/khgps.jar \
    KHGPS_GIT_COMMIT=${KHGPS_GIT_COMMIT} \
    PATH=/opt/khgps/bin:${PATH}
LABEL org.opencontainers.image.title="khgps-nf tools" \
      org.opencontainers.image.licenses="MIT"
