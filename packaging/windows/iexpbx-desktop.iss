; Inno Setup 6 script: per-machine install of IEXPBX Desktop (built by build.ps1).
;
;   ISCC.exe /DAppVersion=0.1.0 /DBuildDir=C:\src\iexpbx-desktop\build packaging\windows\iexpbx-desktop.iss
;
; Silent install for administrators (see docs/admin-guide.md):
;   iexpbx-desktop-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
;       /SERVER=https://pbx.example.com /TIMEZONE=Europe/Istanbul
;       /FINGERPRINT=AB:CD:... /LOCKED="server_url,pbx_timezone" /TASKS="autostart"
; Given any of /SERVER, /TIMEZONE, /FINGERPRINT, /LOCKED, the installer writes the admin
; defaults file %ProgramData%\IEXPBX\iexpbx-desktop.ini the app reads at every start.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef BuildDir
  #define BuildDir "..\..\build"
#endif
#define AppName "IEXPBX Desktop"
#define AppExe "iexpbx-desktop.exe"

[Setup]
AppId={{6B1E4F0A-3C2D-4E8B-9A51-1E5C0D7B9F42}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=IEXPBX
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#BuildDir}
OutputBaseFilename=iexpbx-desktop-{#AppVersion}-setup
SetupIconFile={#BuildDir}\pyinstaller\icons\iexpbx-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/fast
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
MinVersion=10.0

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "tr"; MessagesFile: "compiler:Languages\Turkish.isl"

[Tasks]
Name: "autostart"; Description: "Start {#AppName} when any user logs in"; Flags: unchecked
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked

[Files]
Source: "{#BuildDir}\dist\iexpbx-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; tel: and callto: links open the app (per machine; users may still pick another app).
Root: HKLM; Subkey: "Software\Classes\tel"; ValueType: string; ValueName: ""; ValueData: "URL:Telephone number"; Flags: uninsdeletekey
Root: HKLM; Subkey: "Software\Classes\tel"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKLM; Subkey: "Software\Classes\tel\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKLM; Subkey: "Software\Classes\tel\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKLM; Subkey: "Software\Classes\callto"; ValueType: string; ValueName: ""; ValueData: "URL:Callto link"; Flags: uninsdeletekey
Root: HKLM; Subkey: "Software\Classes\callto"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKLM; Subkey: "Software\Classes\callto\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKLM; Subkey: "Software\Classes\callto\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
; Registered as a URL handler, so Settings > Default apps lists it for TEL and CALLTO.
Root: HKLM; Subkey: "Software\Classes\IEXPBX.Link"; ValueType: string; ValueName: ""; ValueData: "{#AppName} link"; Flags: uninsdeletekey
Root: HKLM; Subkey: "Software\Classes\IEXPBX.Link\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKLM; Subkey: "Software\IEXPBX Desktop\Capabilities"; ValueType: string; ValueName: "ApplicationName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKLM; Subkey: "Software\IEXPBX Desktop\Capabilities"; ValueType: string; ValueName: "ApplicationDescription"; ValueData: "Desktop companion for IEXPBX telephone systems"
Root: HKLM; Subkey: "Software\IEXPBX Desktop\Capabilities\URLAssociations"; ValueType: string; ValueName: "tel"; ValueData: "IEXPBX.Link"
Root: HKLM; Subkey: "Software\IEXPBX Desktop\Capabilities\URLAssociations"; ValueType: string; ValueName: "callto"; ValueData: "IEXPBX.Link"
Root: HKLM; Subkey: "Software\RegisteredApplications"; ValueType: string; ValueName: "{#AppName}"; ValueData: "Software\IEXPBX Desktop\Capabilities"; Flags: uninsdeletevalue
; Optional: every user starts the app at login (users can also turn it on for themselves).
Root: HKLM; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "{#AppName}"; ValueData: """{app}\{#AppExe}"""; Tasks: autostart; Flags: uninsdeletevalue

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallRun]
; Each user's own "start at login" entry points at the removed program: drop it for this user.
Filename: "{sys}\reg.exe"; Parameters: "delete HKCU\Software\Microsoft\Windows\CurrentVersion\Run /v ""{#AppName}"" /f"; Flags: runhidden; RunOnceId: "DropUserAutostart"

[Code]
{ The admin defaults file from /SERVER=, /TIMEZONE=, /FINGERPRINT=, /LOCKED= (INI, [General]). }
function IniLine(const Key, Param: String): String;
var
  Value: String;
begin
  Result := '';
  Value := Trim(ExpandConstant('{param:' + Param + '|}'));
  if Value <> '' then
    Result := Key + '=' + Value + #13#10;
end;

procedure WriteAdminDefaults();
var
  Body, Folder: String;
begin
  Body := IniLine('server_url', 'SERVER') + IniLine('pbx_timezone', 'TIMEZONE')
    + IniLine('tls_pinned_sha256', 'FINGERPRINT') + IniLine('username', 'USERNAME')
    + IniLine('language', 'LANGUAGE') + IniLine('start_on_login', 'STARTONLOGIN')
    + IniLine('locked', 'LOCKED');
  if Body = '' then
    exit;
  Folder := ExpandConstant('{commonappdata}\IEXPBX');
  ForceDirectories(Folder);
  { Written whole to a temporary file, then renamed: the app never reads half a file. }
  SaveStringToFile(Folder + '\iexpbx-desktop.ini.tmp', '[General]' + #13#10 + Body, False);
  DeleteFile(Folder + '\iexpbx-desktop.ini');
  RenameFile(Folder + '\iexpbx-desktop.ini.tmp', Folder + '\iexpbx-desktop.ini');
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if CurStep = ssPostInstall then
    WriteAdminDefaults();
end;
