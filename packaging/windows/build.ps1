# Build IEXPBX Desktop for Windows: the PyInstaller bundle, then the Inno Setup installer.
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#
# Needs: Python 3.11 (x64) on PATH as `py -3.11` or `python`, and Inno Setup 6
# (ISCC.exe; https://jrsoftware.org/isinfo.php, or `winget install JRSoftware.InnoSetup`).
# Output: build\dist\iexpbx-desktop\ (bundle) and build\iexpbx-desktop-VERSION-setup.exe.
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root
$Build = Join-Path $Root "build"
$Venv = Join-Path $Build "venv-windows"
$Version = (Select-String -Path desktop\__init__.py -Pattern '^__version__ = "(.*)"').Matches[0].Groups[1].Value

# Build environment: the app's dependencies and PyInstaller (pyproject.toml), made once.
if (-not (Test-Path "$Venv\Scripts\python.exe")) {
    if (Get-Command py -ErrorAction SilentlyContinue) { py -3.11 -m venv $Venv } else { python -m venv $Venv }
    & "$Venv\Scripts\python.exe" -c @"
import tomllib
p = tomllib.load(open('pyproject.toml', 'rb'))['project']
open(r'$Build\requirements.txt', 'w').write('\n'.join(p['dependencies'] + p['optional-dependencies']['bundle']))
"@
    & "$Venv\Scripts\python.exe" -m pip install -q -r "$Build\requirements.txt"
    if ($LASTEXITCODE) { throw "pip install failed" }
}

# The bundle (the spec also renders build\pyinstaller\icons\iexpbx-desktop.ico).
& "$Venv\Scripts\python.exe" -m PyInstaller --noconfirm --log-level WARN `
    --distpath "$Build\dist" --workpath "$Build\pyinstaller" packaging\iexpbx-desktop.spec
if ($LASTEXITCODE) { throw "PyInstaller failed" }
& "$Build\dist\iexpbx-desktop\iexpbx-desktop.exe" --self-test | Out-Host
if ($LASTEXITCODE) { throw "the bundle's self-test failed" }

# The installer.
$Iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $Iscc) { $Iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $Iscc /Qp "/DAppVersion=$Version" "/DBuildDir=$Build" packaging\windows\iexpbx-desktop.iss
if ($LASTEXITCODE) { throw "Inno Setup failed" }
Get-Item "$Build\iexpbx-desktop-$Version-setup.exe" | Format-Table Name, Length
