# Run by the Windows workflow under Windows PowerShell (powershell.exe, the process `trace --exe` follows):
# connects to the loopback listener, sends a few bytes, closes, prints its own PID, then stays alive a moment
# so that ws_tool can still look the process up by PID.
param([Parameter(Mandatory = $true)][int] $Port)
$client = New-Object System.Net.Sockets.TcpClient
$client.Connect('127.0.0.1', $Port)
$stream = $client.GetStream()
$bytes = [System.Text.Encoding]::ASCII.GetBytes('hello from ws_tool smoke test')
$stream.Write($bytes, 0, $bytes.Length)
$stream.Flush()
Start-Sleep -Milliseconds 500
$client.Close()
Write-Output $PID
Start-Sleep -Seconds 3
