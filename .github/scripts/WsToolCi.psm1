# Helpers shared by the Windows workflows: start ws_tool.jar in the background, wait for its readiness line, stop
# it with a real Ctrl-C. Written on Linux and not run yet (no Windows here); see README, "Windows CI".

# Starts `java -jar cli\target\ws_tool.jar ARGS` with stdout/stderr in files, in a console of its own (so that
# Send-CtrlC can reach it without hitting this shell). Returns the process.
function Start-WsTool([string[]] $Arguments, [string] $StdOut, [string] $StdErr) {
  $jar = Join-Path $env:GITHUB_WORKSPACE 'cli\target\ws_tool.jar'
  $p = Start-Process -FilePath java -PassThru `
         -ArgumentList (@('-jar', $jar) + $Arguments) `
         -RedirectStandardOutput $StdOut -RedirectStandardError $StdErr
  # Reading Handle once makes .NET keep the process handle open, without which ExitCode stays empty after exit.
  $null = $p.Handle
  return $p
}

# Waits (bounded) until ws_tool's stderr has a line matching $Pattern: the line trace/firewall print once the ETW
# session / WFP subscription is up, so that traffic made afterwards is seen. Fails when ws_tool exits first.
function Wait-ReadyLine($Process, [string] $StdErr, [string] $Pattern, [int] $TimeoutSeconds = 120) {
  $until = (Get-Date).AddSeconds($TimeoutSeconds)
  while ((Get-Date) -lt $until) {
    $text = Get-Content -Raw -ErrorAction SilentlyContinue $StdErr
    if ($text -and ($text -split "`r?`n" | Where-Object { $_ -match $Pattern })) {
      Write-Host "ready: $(($text -split "`r?`n" | Where-Object { $_ -match $Pattern } | Select-Object -First 1))"
      return
    }
    if ($Process.HasExited) { throw "ws_tool exited ($($Process.ExitCode)) before printing a line matching '$Pattern':`n$text" }
    Start-Sleep -Milliseconds 250
  }
  $Process.Kill()
  throw "no line matching '$Pattern' on ws_tool's stderr within $TimeoutSeconds s:`n$(Get-Content -Raw -ErrorAction SilentlyContinue $StdErr)"
}

# Sends CTRL_C_EVENT to the console of $Process, as a person pressing Ctrl-C there would. A separate powershell.exe
# does it: it leaves this step's console (FreeConsole), attaches to ws_tool's (AttachConsole), ignores the event
# itself (SetConsoleCtrlHandler(NULL, TRUE)) and raises it for every process on that console (group 0).
# https://learn.microsoft.com/windows/console/generateconsolectrlevent
function Send-CtrlC($Process) {
  $script = @"
Add-Type -Namespace W -Name K -MemberDefinition @'
[DllImport("kernel32.dll", SetLastError = true)] public static extern bool FreeConsole();
[DllImport("kernel32.dll", SetLastError = true)] public static extern bool AttachConsole(uint pid);
[DllImport("kernel32.dll", SetLastError = true)] public static extern bool SetConsoleCtrlHandler(System.IntPtr h, bool add);
[DllImport("kernel32.dll", SetLastError = true)] public static extern bool GenerateConsoleCtrlEvent(uint ev, uint group);
'@
[void][W.K]::FreeConsole()
if (-not [W.K]::AttachConsole($($Process.Id))) { exit 10 }
[void][W.K]::SetConsoleCtrlHandler([System.IntPtr]::Zero, `$true)
if (-not [W.K]::GenerateConsoleCtrlEvent(0, 0)) { exit 11 }
Start-Sleep -Seconds 2
exit 0
"@
  $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
  powershell.exe -NoProfile -NonInteractive -EncodedCommand $encoded
  if ($LASTEXITCODE -ne 0) { throw "could not send Ctrl-C to ws_tool (helper exit $LASTEXITCODE)" }
}

# Waits (bounded) for ws_tool to exit and fails unless its exit code is $Expected.
function Wait-WsToolExit($Process, [int] $TimeoutSeconds, [int] $Expected, [string] $StdErr) {
  if (-not $Process.WaitForExit($TimeoutSeconds * 1000)) {
    $Process.Kill()
    throw "ws_tool did not exit within $TimeoutSeconds s"
  }
  Write-Host '--- ws_tool stderr ---'
  Get-Content $StdErr | Write-Host
  if ($Process.ExitCode -ne $Expected) { throw "ws_tool exited with $($Process.ExitCode), expected $Expected" }
}

# The JSON Lines file as objects; every line must parse (an export cut short by a stop would not).
function Read-JsonLines([string] $Path) {
  if (-not (Test-Path $Path)) { throw "no $Path written" }
  return @(Get-Content $Path | Where-Object { $_ } | ForEach-Object { $_ | ConvertFrom-Json })
}

Export-ModuleMember -Function Start-WsTool, Wait-ReadyLine, Send-CtrlC, Wait-WsToolExit, Read-JsonLines
