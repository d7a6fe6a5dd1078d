@echo off
rem ws_tool launcher for Windows: builds cli\target\ws_tool.jar when missing or older than the sources, then runs it.
setlocal
set "HERE=%~dp0"
set "JAR=%HERE%cli\target\ws_tool.jar"
powershell -NoProfile -ExecutionPolicy Bypass -Command ^
  "$jar = Get-Item -LiteralPath $env:JAR -ErrorAction SilentlyContinue; if (-not $jar) { exit 1 };" ^
  "$newer = Get-ChildItem -LiteralPath $env:HERE -Recurse -File | Where-Object { ($_.Name -eq 'pom.xml' -or $_.FullName -match '\\src\\main\\') -and $_.FullName -notmatch '\\target\\' -and $_.LastWriteTime -gt $jar.LastWriteTime } | Select-Object -First 1;" ^
  "if ($newer) { exit 1 } else { exit 0 }"
if errorlevel 1 (
  echo ws_tool: building %JAR% ... 1>&2
  pushd "%HERE%"
  call mvn -q -B -ntp -DskipTests package 1>&2
  if errorlevel 1 ( popd & exit /b 1 )
  popd
)
rem Heap and GC for a streaming tool (README, "Launcher"); WS_TOOL_JAVA_OPTS comes last, so its options win.
java -Xms64m -Xmx512m -XX:+UseSerialGC %WS_TOOL_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
