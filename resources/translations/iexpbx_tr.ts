<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="tr" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About {app}</source>
        <translation>{app} hakkında</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>Sürüm {version}</translation>
    </message>
    <message>
        <source>Live calls, call popups, the phonebook and call history of your IEXPBX telephone system, on your desktop.</source>
        <translation>IEXPBX santralinizin canlı çağrıları, çağrı bildirimleri, rehberi ve çağrı geçmişi masaüstünüzde.</translation>
    </message>
    <message>
        <source>&amp;Diagnostics (for a support request):</source>
        <translation>&amp;Tanılama bilgileri (destek talebi için):</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>Tanılama bilgileri</translation>
    </message>
    <message>
        <source>&amp;Copy diagnostics</source>
        <translation>Tanılama bilgilerini &amp;kopyala</translation>
    </message>
    <message>
        <source>Copy the text above to the clipboard</source>
        <translation>Yukarıdaki metni panoya kopyala</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>Panoya kopyalandı.</translation>
    </message>
</context>
<context>
    <name>Announcements</name>
    <message>
        <source>Text-to-speech</source>
        <translation>Metin okuma</translation>
    </message>
    <message>
        <source>Sound file</source>
        <translation>Ses dosyası</translation>
    </message>
</context>
<context>
    <name>AnnouncementsEditor</name>
    <message>
        <source>Announcements, played in this order</source>
        <translation>Bu sırayla çalınan anonslar</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Ekle</translation>
    </message>
    <message>
        <source>Add an announcement at the end (Insert)</source>
        <translation>Sona bir anons ekle (Insert)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Kaldır</translation>
    </message>
    <message>
        <source>Remove the selected announcement (Delete)</source>
        <translation>Seçili anonsu kaldır (Delete)</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Y&amp;ukarı taşı</translation>
    </message>
    <message>
        <source>Play the selected announcement earlier (Ctrl+Up)</source>
        <translation>Seçili anonsu daha önce çal (Ctrl+Yukarı)</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>A&amp;şağı taşı</translation>
    </message>
    <message>
        <source>Play the selected announcement later (Ctrl+Down)</source>
        <translation>Seçili anonsu daha sonra çal (Ctrl+Aşağı)</translation>
    </message>
</context>
<context>
    <name>AnnouncementsModel</name>
    <message>
        <source>Kind</source>
        <translation>Tür</translation>
    </message>
    <message>
        <source>Sound file name or text to read out</source>
        <translation>Ses dosyasının adı ya da okunacak metin</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Not set up yet: open Settings to connect to your PBX.</source>
        <translation>Henüz kurulmadı: santralinize bağlanmak için Ayarlar&apos;ı açın.</translation>
    </message>
    <message>
        <source>Not set up yet.</source>
        <translation>Henüz kurulmadı.</translation>
    </message>
    <message>
        <source>Enter the password to use it until the app quits.</source>
        <translation>Uygulama kapanana kadar kullanmak için parolayı girin.</translation>
    </message>
    <message>
        <source>No password is saved for this account. Enter it to connect.</source>
        <translation>Bu hesap için kayıtlı parola yok. Bağlanmak için parolayı girin.</translation>
    </message>
    <message>
        <source>PBX password</source>
        <translation>Santral parolası</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Parola:</translation>
    </message>
    <message>
        <source>The call could not be ended: {error}</source>
        <translation>Çağrı sonlandırılamadı: {error}</translation>
    </message>
    <message>
        <source>Already calling {number}: your phone rings in a moment.</source>
        <translation>{number} zaten aranıyor: telefonunuz birazdan çalacak.</translation>
    </message>
    <message>
        <source>Your phone {extension} rings first, then {number} is dialled.</source>
        <translation>Önce telefonunuz ({extension}) çalar, ardından {number} aranır.</translation>
    </message>
    <message>
        <source>Choose your own extension in Settings first: it rings before the call.</source>
        <translation>Önce Ayarlar&apos;dan kendi dahilinizi seçin: arama yapılmadan önce o telefon çalar.</translation>
    </message>
    <message>
        <source>Your phone</source>
        <translation>Telefonunuz</translation>
    </message>
    <message>
        <source>Which extension is the phone on your desk? It rings first for each call.</source>
        <translation>Masanızdaki telefon hangi dahili? Her aramada önce o çalar.</translation>
    </message>
    <message>
        <source>IVR call to {number} started.</source>
        <translation>{number} numarasına IVR araması başlatıldı.</translation>
    </message>
    <message>
        <source>Connecting {first} and {second}; neither sees the other&apos;s number.</source>
        <translation>{first} ile {second} bağlanıyor; ikisi de birbirinin numarasını görmez.</translation>
    </message>
    <message>
        <source>The call could not be made: {error}</source>
        <translation>Arama yapılamadı: {error}</translation>
    </message>
    <message>
        <source>Check Settings.</source>
        <translation>Ayarları kontrol edin.</translation>
    </message>
    <message>
        <source>The app keeps trying to reconnect.</source>
        <translation>Uygulama yeniden bağlanmayı denemeye devam ediyor.</translation>
    </message>
    <message>
        <source>PBX connection lost</source>
        <translation>Santral bağlantısı kesildi</translation>
    </message>
    <message>
        <source>Next try at {time}</source>
        <translation>Yeniden deneme: {time}</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>DEMO</translation>
    </message>
    <message>
        <source>The clipboard holds no phone number.</source>
        <translation>Panoda telefon numarası yok.</translation>
    </message>
    <message>
        <source>Starting at login could not be set up on this computer.</source>
        <translation>Oturum açılışında başlatma bu bilgisayarda ayarlanamadı.</translation>
    </message>
    <message>
        <source>{count} contacts from the copy saved {when} (the PBX has not answered)</source>
        <translation>{count} kişi, {when} tarihinde kaydedilen kopyadan (santral henüz yanıt vermedi)</translation>
    </message>
    <message>
        <source>{count} contacts, {colleagues} colleagues</source>
        <translation>{count} kişi, {colleagues} çalışma arkadaşı</translation>
    </message>
    <message>
        <source>The phonebook could not be refreshed ({error}); the last good copy is used.</source>
        <translation>Rehber yenilenemedi ({error}); son sağlam kopya kullanılıyor.</translation>
    </message>
    <message>
        <source>The phonebook could not be read: {error}</source>
        <translation>Rehber okunamadı: {error}</translation>
    </message>
    <message>
        <source>Missed calls</source>
        <translation>Cevapsız çağrılar</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Open &amp;Settings</source>
        <translation>&amp;Ayarları aç</translation>
    </message>
    <message>
        <source>Check the connection settings</source>
        <translation>Bağlantı ayarlarını kontrol edin</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Yeniden dene</translation>
    </message>
    <message>
        <source>Connect to the PBX again now</source>
        <translation>Santrale şimdi yeniden bağlan</translation>
    </message>
    <message>
        <source>Dismiss this message</source>
        <translation>Bu mesajı kapat</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Kapat</translation>
    </message>
</context>
<context>
    <name>CallPopup</name>
    <message>
        <source>Incoming call</source>
        <translation>Gelen çağrı</translation>
    </message>
    <message>
        <source>Close this popup</source>
        <translation>Bu bildirimi kapat</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Kapat</translation>
    </message>
    <message>
        <source>Withheld number</source>
        <translation>Gizli numara</translation>
    </message>
    <message>
        <source>The caller did not send a number</source>
        <translation>Arayan numarasını göndermedi</translation>
    </message>
    <message>
        <source>Unknown caller</source>
        <translation>Bilinmeyen arayan</translation>
    </message>
    <message>
        <source>Queue: {queue}</source>
        <translation>Kuyruk: {queue}</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>Geri ara</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Çağrı geçmişi</translation>
    </message>
    <message>
        <source>Open in CRM</source>
        <translation>CRM&apos;de aç</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopyala</translation>
    </message>
    <message>
        <source>Copy the number</source>
        <translation>Numarayı kopyala</translation>
    </message>
    <message>
        <source>Looking up calls from the last 7 days…</source>
        <translation>Son 7 günün çağrılarına bakılıyor…</translation>
    </message>
    <message>
        <source>No calls from this number in the last 7 days</source>
        <translation>Bu numara son 7 günde aramadı</translation>
    </message>
    <message>
        <source>1 call from this number in the last 7 days</source>
        <translation>Bu numaradan son 7 günde 1 çağrı</translation>
    </message>
    <message>
        <source>{count} calls from this number in the last 7 days</source>
        <translation>Bu numaradan son 7 günde {count} çağrı</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopyalandı</translation>
    </message>
</context>
<context>
    <name>CallbackDialog</name>
    <message>
        <source>Masked callback</source>
        <translation>Numarası gizli geri arama</translation>
    </message>
    <message>
        <source>The PBX calls the first number and, once answered, connects it to the second. Each sees the PBX&apos;s caller ID, never the other&apos;s number.</source>
        <translation>Santral önce birinci numarayı arar, yanıtlanınca ikinciye bağlar. Taraflar birbirinin numarasını değil, santralin arayan numarasını görür.</translation>
    </message>
    <message>
        <source>e.g. 0532 123 45 67</source>
        <translation>örn. 0532 123 45 67</translation>
    </message>
    <message>
        <source>First number, called first</source>
        <translation>Birinci numara, önce aranır</translation>
    </message>
    <message>
        <source>e.g. 0212 555 01 01</source>
        <translation>örn. 0212 555 01 01</translation>
    </message>
    <message>
        <source>Second number</source>
        <translation>İkinci numara</translation>
    </message>
    <message>
        <source>e.g. outbound</source>
        <translation>örn. outbound</translation>
    </message>
    <message>
        <source>Dial plan</source>
        <translation>Arama planı</translation>
    </message>
    <message>
        <source>The PBX&apos;s dial plan the calls go out through.</source>
        <translation>Çağrıların santralden çıkacağı arama planı.</translation>
    </message>
    <message>
        <source>optional, e.g. a ticket number</source>
        <translation>isteğe bağlı, örn. bir destek talebi numarası</translation>
    </message>
    <message>
        <source>Custom data</source>
        <translation>Özel veri</translation>
    </message>
    <message>
        <source>Kept with the call in the call history.</source>
        <translation>Çağrıyla birlikte çağrı geçmişinde saklanır.</translation>
    </message>
    <message>
        <source>&amp;First number (called first):</source>
        <translation>&amp;Birinci numara (önce aranır):</translation>
    </message>
    <message>
        <source>&amp;Second number:</source>
        <translation>İ&amp;kinci numara:</translation>
    </message>
    <message>
        <source>&amp;Dial plan:</source>
        <translation>Arama &amp;planı:</translation>
    </message>
    <message>
        <source>Custom da&amp;ta:</source>
        <translation>Özel &amp;veri:</translation>
    </message>
    <message>
        <source>Discard this call?</source>
        <translation>Bu aramadan vazgeçilsin mi?</translation>
    </message>
    <message>
        <source>The callback is not made and what you typed in this form is lost.</source>
        <translation>Geri arama yapılmaz ve bu forma yazdıklarınız kaybolur.</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>Aramadan &amp;vazgeç</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Düzenlemeye devam et</translation>
    </message>
    <message>
        <source>First number: {reason}</source>
        <translation>Birinci numara: {reason}</translation>
    </message>
    <message>
        <source>Second number: {reason}</source>
        <translation>İkinci numara: {reason}</translation>
    </message>
    <message>
        <source>Second number: the same as the first. A callback connects two different numbers.</source>
        <translation>İkinci numara: birincisiyle aynı. Geri arama iki farklı numarayı birbirine bağlar.</translation>
    </message>
</context>
<context>
    <name>CallsModel</name>
    <message>
        <source>From</source>
        <translation>Arayan</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Aranan</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Süre</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Kuyruk</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Durum</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tür</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Yön</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Gelen</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>Giden</translation>
    </message>
    <message>
        <source>Internal</source>
        <translation>Dahili</translation>
    </message>
    <message>
        <source>An outside number called in</source>
        <translation>Dışarıdan bir numara aradı</translation>
    </message>
    <message>
        <source>An extension called an outside number</source>
        <translation>Bir dahili dışarıdaki bir numarayı aradı</translation>
    </message>
    <message>
        <source>A call between extensions</source>
        <translation>Dahililer arasında bir çağrı</translation>
    </message>
    <message>
        <source>Ringing</source>
        <translation>Çalıyor</translation>
    </message>
    <message>
        <source>Talking</source>
        <translation>Görüşmede</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Bağlı</translation>
    </message>
    <message>
        <source>Dialing</source>
        <translation>Aranıyor</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Meşgul</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>Beklemede</translation>
    </message>
    <message>
        <source>Ending</source>
        <translation>Sonlanıyor</translation>
    </message>
    <message>
        <source>Direct</source>
        <translation>Doğrudan</translation>
    </message>
    <message>
        <source>Announcement</source>
        <translation>Anons</translation>
    </message>
    <message>
        <source>Voicemail</source>
        <translation>Sesli mesaj</translation>
    </message>
    <message>
        <source>Conference</source>
        <translation>Konferans</translation>
    </message>
    <message>
        <source>Menu (IVR)</source>
        <translation>Sesli menü (IVR)</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>Parkta</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Bilinmiyor</translation>
    </message>
    <message>
        <source>Since the call started (h:mm:ss)</source>
        <translation>Çağrı başladığından beri geçen süre (sa:dk:sn)</translation>
    </message>
</context>
<context>
    <name>CallsTab</name>
    <message>
        <source>Find a call by number or name</source>
        <translation>Numara veya isimle çağrı bul</translation>
    </message>
    <message>
        <source>Show only calls from or to this number (Ctrl+F)</source>
        <translation>Yalnızca bu numaradan gelen veya bu numaraya giden çağrıları göster (Ctrl+F)</translation>
    </message>
    <message>
        <source>Find a call</source>
        <translation>Çağrı bul</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Aramayı temizle</translation>
    </message>
    <message>
        <source>Hang &amp;up</source>
        <translation>Çağrıyı &amp;sonlandır</translation>
    </message>
    <message>
        <source>End the selected call (Delete)</source>
        <translation>Seçili çağrıyı sonlandır (Delete)</translation>
    </message>
    <message>
        <source>Call &amp;back</source>
        <translation>G&amp;eri ara</translation>
    </message>
    <message>
        <source>Call the other party of the selected call (Enter)</source>
        <translation>Seçili çağrıdaki karşı tarafı ara (Enter)</translation>
    </message>
    <message>
        <source>Copy &amp;number</source>
        <translation>Numarayı &amp;kopyala</translation>
    </message>
    <message>
        <source>Copy the other party&apos;s number (Ctrl+C)</source>
        <translation>Karşı tarafın numarasını kopyala (Ctrl+C)</translation>
    </message>
    <message>
        <source>Open hist&amp;ory</source>
        <translation>&amp;Numaranın geçmişi</translation>
    </message>
    <message>
        <source>Show the calls with the other party (Ctrl+H)</source>
        <translation>Karşı tarafla yapılan çağrıları göster (Ctrl+H)</translation>
    </message>
    <message>
        <source>Active calls</source>
        <translation>Süren çağrılar</translation>
    </message>
    <message>
        <source>Hang up…</source>
        <translation>Çağrıyı sonlandır…</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>Geri ara</translation>
    </message>
    <message>
        <source>Copy number</source>
        <translation>Numarayı kopyala</translation>
    </message>
    <message>
        <source>Open history</source>
        <translation>Çağrı geçmişini aç</translation>
    </message>
    <message>
        <source>Copy caller&apos;s number</source>
        <translation>Arayan numarayı kopyala</translation>
    </message>
    <message>
        <source>Copy called number</source>
        <translation>Aranan numarayı kopyala</translation>
    </message>
    <message>
        <source>Select a call to hang up.</source>
        <translation>Sonlandırmak için bir çağrı seçin.</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>Çağrıyı sonlandır</translation>
    </message>
    <message>
        <source>That call has already ended.</source>
        <translation>Bu çağrı zaten sona erdi.</translation>
    </message>
    <message>
        <source>Copied {number}</source>
        <translation>{number} kopyalandı</translation>
    </message>
    <message>
        <source>No call matches “{query}”</source>
        <translation>“{query}” ile eşleşen çağrı yok</translation>
    </message>
    <message>
        <source>Clear the search box to see all calls.</source>
        <translation>Tüm çağrıları görmek için arama kutusunu temizleyin.</translation>
    </message>
    <message>
        <source>Not set up yet</source>
        <translation>Henüz kurulmadı</translation>
    </message>
    <message>
        <source>Finish the set-up in Settings to see live calls.</source>
        <translation>Canlı çağrıları görmek için Ayarlar&apos;da kurulumu tamamlayın.</translation>
    </message>
    <message>
        <source>The PBX did not accept the password</source>
        <translation>Santral parolayı kabul etmedi</translation>
    </message>
    <message>
        <source>Check the user name and password in Settings to see live calls.</source>
        <translation>Canlı çağrıları görmek için Ayarlar&apos;da kullanıcı adını ve parolayı kontrol edin.</translation>
    </message>
    <message>
        <source>Not connected to the PBX</source>
        <translation>Santrale bağlı değil</translation>
    </message>
    <message>
        <source>Live calls show up here again once the PBX can be reached.</source>
        <translation>Santrale yeniden ulaşıldığında süren çağrılar burada tekrar görünür.</translation>
    </message>
    <message>
        <source>No calls right now</source>
        <translation>Şu anda çağrı yok</translation>
    </message>
    <message>
        <source>Hang up the call between {caller} and {called}?</source>
        <translation>{caller} ile {called} arasındaki çağrı sonlandırılsın mı?</translation>
    </message>
    <message>
        <source>Calls on the PBX show up here as they start.</source>
        <translation>Santraldeki çağrılar başladıkça burada görünür.</translation>
    </message>
</context>
<context>
    <name>CertificatePanel</name>
    <message>
        <source>Server certificate</source>
        <translation>Sunucu sertifikası</translation>
    </message>
    <message>
        <source>I have compared the fingerprint and trust this certificate</source>
        <translation>Parmak izini karşılaştırdım, bu sertifikaya güveniyorum</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256 parmak izi:</translation>
    </message>
    <message>
        <source>Warning: the server&apos;s certificate has changed since it was trusted. This can mean someone is intercepting the connection. Do not continue unless your administrator confirms the change.</source>
        <translation>Uyarı: sunucunun sertifikası, güvenilir kabul edildikten sonra değişmiş. Bu, birinin bağlantıya müdahale ettiği anlamına gelebilir. Yöneticiniz değişikliği onaylamadıkça devam etmeyin.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not signed by an authority this computer trusts (common for a PBX with a self-signed certificate). Compare this fingerprint with the one your administrator gave you.</source>
        <translation>Sunucunun sertifikası, bu bilgisayarın güvendiği bir sertifika yetkilisince imzalanmamış (kendinden imzalı sertifika kullanan santrallerde sık görülür). Bu parmak izini yöneticinizin size verdiğiyle karşılaştırın.</translation>
    </message>
    <message>
        <source>Your administrator has fixed which certificate is trusted.</source>
        <translation>Hangi sertifikaya güvenileceğini yöneticiniz belirlemiş.</translation>
    </message>
    <message>
        <source>Issued to: {0}
Issued by: {1}
Valid until: {2}</source>
        <translation>Verilen: {0}
Veren: {1}
Geçerlilik sonu: {2}</translation>
    </message>
    <message>
        <source>Trusted before:</source>
        <translation>Daha önce güvenilen:</translation>
    </message>
</context>
<context>
    <name>ConnectPage</name>
    <message>
        <source>Choose your extension</source>
        <translation>Dahilinizi seçin</translation>
    </message>
    <message>
        <source>Pick the extension of the phone on your desk.</source>
        <translation>Masanızdaki telefonun dahili numarasını seçin.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Yeniden dene</translation>
    </message>
    <message>
        <source>Search extensions</source>
        <translation>Dahililerde ara</translation>
    </message>
    <message>
        <source>Greyed extensions have no phone connected right now; you can still pick one.</source>
        <translation>Gri görünen dahililere şu anda bağlı bir telefon yok; yine de birini seçebilirsiniz.</translation>
    </message>
    <message>
        <source>Connecting to the PBX…</source>
        <translation>Santrale bağlanılıyor…</translation>
    </message>
    <message>
        <source>Press Back to correct the address, user name or password, or Try again.</source>
        <translation>Adresi, kullanıcı adını veya parolayı düzeltmek için “Geri”ye, yeniden denemek için “Yeniden dene”ye basın.</translation>
    </message>
    <message>
        <source>Check the server&apos;s certificate before your password is sent to it.</source>
        <translation>Parolanız sunucuya gönderilmeden önce sunucunun sertifikasını kontrol edin.</translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <source>Connected: 1 extension</source>
        <translation>Bağlandı: 1 dahili</translation>
    </message>
    <message>
        <source>Connected: {0} extensions</source>
        <translation>Bağlandı: {0} dahili</translation>
    </message>
</context>
<context>
    <name>ConnectionPage</name>
    <message>
        <source>Save the password in this computer&apos;s keyring</source>
        <translation>Parolayı bu bilgisayarın anahtarlığına kaydet</translation>
    </message>
    <message>
        <source>Enter the password for this server.</source>
        <translation>Bu sunucunun parolasını girin.</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Bağlantıyı test et</translation>
    </message>
    <message>
        <source>Server address:</source>
        <translation>Sunucu adresi:</translation>
    </message>
    <message>
        <source>API user name:</source>
        <translation>API kullanıcı adı:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Parola:</translation>
    </message>
    <message>
        <source>My extension:</source>
        <translation>Dahili numaram:</translation>
    </message>
    <message>
        <source>PBX time zone:</source>
        <translation>Santral saat dilimi:</translation>
    </message>
</context>
<context>
    <name>Credentials</name>
    <message>
        <source>The password is saved in this computer&apos;s keyring.</source>
        <translation>Parola bu bilgisayarın anahtarlığında kayıtlı.</translation>
    </message>
    <message>
        <source>The password is kept only until the app quits; you will be asked again next time.</source>
        <translation>Parola yalnızca uygulama kapanana kadar tutulur; bir sonraki açılışta yeniden sorulur.</translation>
    </message>
    <message>
        <source>No password is saved for this account yet.</source>
        <translation>Bu hesap için henüz kayıtlı bir parola yok.</translation>
    </message>
    <message>
        <source>This computer has no secure password store (keyring), so the password cannot be saved. You can keep it for this session only.</source>
        <translation>Bu bilgisayarda güvenli bir parola deposu (anahtarlık) yok, bu yüzden parola kaydedilemiyor. Parolayı yalnızca bu oturum için tutabilirsiniz.</translation>
    </message>
    <message>
        <source>The keyring is locked and could not be unlocked, so the password cannot be saved. Unlock it and try again, or keep the password for this session only.</source>
        <translation>Anahtarlık kilitli ve kilidi açılamadı, bu yüzden parola kaydedilemiyor. Kilidi açıp yeniden deneyin ya da parolayı yalnızca bu oturum için tutun.</translation>
    </message>
    <message>
        <source>The keyring reported an error, so the password cannot be saved. You can keep it for this session only.</source>
        <translation>Anahtarlık bir hata bildirdi, bu yüzden parola kaydedilemiyor. Parolayı yalnızca bu oturum için tutabilirsiniz.</translation>
    </message>
</context>
<context>
    <name>DialDialog</name>
    <message>
        <source>Enter a number to call.</source>
        <translation>Aranacak numarayı girin.</translation>
    </message>
    <message>
        <source>“{char}” cannot be part of a phone number: use digits, +, * and #.</source>
        <translation>“{char}” bir telefon numarasında bulunamaz: rakam, +, * ve # kullanın.</translation>
    </message>
    <message>
        <source>A + can only come first, as in +90 212 555 0101.</source>
        <translation>+ işareti yalnızca en başta olabilir, örneğin +90 212 555 0101.</translation>
    </message>
    <message>
        <source>The number needs at least one digit.</source>
        <translation>Numara en az bir rakam içermeli.</translation>
    </message>
    <message>
        <source>That is too long for a phone number.</source>
        <translation>Bu, bir telefon numarası için çok uzun.</translation>
    </message>
    <message>
        <source>Dial</source>
        <translation>Ara</translation>
    </message>
    <message>
        <source>&amp;Number to call:</source>
        <translation>Aranacak &amp;numara:</translation>
    </message>
    <message>
        <source>e.g. 0212 555 01 01 or 110</source>
        <translation>örn. 0212 555 01 01 veya 110</translation>
    </message>
    <message>
        <source>Digits, +, * and #. Spaces, dashes, dots and brackets are removed before dialling.</source>
        <translation>Rakamlar, +, * ve #. Boşluklar, tireler, noktalar ve parantezler aramadan önce kaldırılır.</translation>
    </message>
    <message>
        <source>Number to call</source>
        <translation>Aranacak numara</translation>
    </message>
    <message>
        <source>&amp;Call</source>
        <translation>&amp;Ara</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>The PBX did not answer in time.</source>
        <translation>Santral zamanında yanıt vermedi.</translation>
    </message>
    <message>
        <source>The PBX could not be reached. Check the server address and the network.</source>
        <translation>Santrale ulaşılamadı. Sunucu adresini ve ağ bağlantısını kontrol edin.</translation>
    </message>
    <message>
        <source>The connection to the PBX was interrupted. Try again.</source>
        <translation>Santral bağlantısı kesintiye uğradı. Yeniden deneyin.</translation>
    </message>
    <message>
        <source>The recording download was cut off. Try again.</source>
        <translation>Kaydın indirilmesi yarıda kesildi. Yeniden deneyin.</translation>
    </message>
    <message>
        <source>The secure connection to the PBX failed.</source>
        <translation>Santralle güvenli bağlantı kurulamadı.</translation>
    </message>
    <message>
        <source>The PBX did not present a certificate.</source>
        <translation>Santral bir sertifika sunmadı.</translation>
    </message>
    <message>
        <source>The PBX has no recording for this call.</source>
        <translation>Santralde bu çağrının kaydı yok.</translation>
    </message>
    <message>
        <source>The PBX sent an empty answer.</source>
        <translation>Santral boş bir yanıt gönderdi.</translation>
    </message>
    <message>
        <source>The PBX refused access for this API user.</source>
        <translation>Santral bu API kullanıcısına erişim izni vermedi.</translation>
    </message>
    <message>
        <source>The PBX sent a web page instead of data. A proxy or the PBX&apos;s web server may be failing.</source>
        <translation>Santral veri yerine bir web sayfası gönderdi. Aradaki vekil sunucu (proxy) ya da santralin web sunucusu arızalı olabilir.</translation>
    </message>
    <message>
        <source>The PBX&apos;s answer is text in a character set the app cannot read.</source>
        <translation>Santralin yanıtı, uygulamanın okuyamadığı bir karakter kümesiyle yazılmış.</translation>
    </message>
    <message>
        <source>The PBX answered with an error.</source>
        <translation>Santral bir hatayla yanıt verdi.</translation>
    </message>
    <message>
        <source>The PBX sent something that is not a recording.</source>
        <translation>Santralin gönderdiği dosya bir ses kaydı değil.</translation>
    </message>
    <message>
        <source>The PBX&apos;s phonebook is in a format the app does not know.</source>
        <translation>Santralin rehberi, uygulamanın tanımadığı bir biçimde.</translation>
    </message>
    <message>
        <source>The server address is not a valid web address.</source>
        <translation>Sunucu adresi geçerli bir web adresi değil.</translation>
    </message>
    <message>
        <source>The server address must start with http:// or https://.</source>
        <translation>Sunucu adresi http:// veya https:// ile başlamalıdır.</translation>
    </message>
    <message>
        <source>The server address must not contain a user name, password or query.</source>
        <translation>Sunucu adresi kullanıcı adı, parola veya sorgu içermemelidir.</translation>
    </message>
    <message>
        <source>The server address has an invalid port.</source>
        <translation>Sunucu adresindeki port numarası geçersiz.</translation>
    </message>
    <message>
        <source>Only https:// servers have a certificate to check.</source>
        <translation>Yalnızca https:// sunucularının kontrol edilecek bir sertifikası vardır.</translation>
    </message>
    <message>
        <source>The stored certificate is not valid.</source>
        <translation>Kayıtlı sertifika geçerli değil.</translation>
    </message>
    <message>
        <source>The API path must start with &apos;/&apos; and hold no query.</source>
        <translation>API yolu &apos;/&apos; ile başlamalı ve sorgu içermemelidir.</translation>
    </message>
    <message>
        <source>That is not a valid call channel.</source>
        <translation>Bu geçerli bir çağrı kanalı değil.</translation>
    </message>
    <message>
        <source>That is not a valid phone number.</source>
        <translation>Bu geçerli bir telefon numarası değil.</translation>
    </message>
    <message>
        <source>That is not a valid extension.</source>
        <translation>Bu geçerli bir dahili numara değil.</translation>
    </message>
    <message>
        <source>Enter the dial plan&apos;s name: letters, digits and . _ @ + - only, at most 64 characters.</source>
        <translation>Arama planının adını girin: yalnızca harf, rakam ve . _ @ + -, en çok 64 karakter.</translation>
    </message>
    <message>
        <source>Enter the IVR number: letters, digits and . _ @ + - only, at most 64 characters.</source>
        <translation>IVR numarasını girin: yalnızca harf, rakam ve . _ @ + -, en çok 64 karakter.</translation>
    </message>
    <message>
        <source>An announcement is empty, longer than 500 characters, or contains a line break, a | or a brace.</source>
        <translation>Bir anons boş, 500 karakterden uzun ya da satır sonu, | veya süslü parantez içeriyor.</translation>
    </message>
    <message>
        <source>The custom data is longer than 1000 characters or contains a line break or tab.</source>
        <translation>Özel veri 1000 karakterden uzun ya da satır sonu veya sekme içeriyor.</translation>
    </message>
    <message>
        <source>The folder for recordings does not exist.</source>
        <translation>Kayıtların indirileceği klasör bulunamadı.</translation>
    </message>
    <message>
        <source>The recording could not be saved in that folder (it may be full or read-only).</source>
        <translation>Kayıt bu klasöre kaydedilemedi (klasör dolu ya da salt okunur olabilir).</translation>
    </message>
    <message>
        <source>Not connected to the PBX.</source>
        <translation>Santrale bağlı değil.</translation>
    </message>
    <message>
        <source>The connection was renewed: try again.</source>
        <translation>Bağlantı yenilendi: yeniden deneyin.</translation>
    </message>
    <message>
        <source>There is no phone number to dial.</source>
        <translation>Aranacak bir telefon numarası yok.</translation>
    </message>
    <message>
        <source>The phone number is too long.</source>
        <translation>Telefon numarası çok uzun.</translation>
    </message>
    <message>
        <source>That is not a phone number: only digits, a leading +, * and # can be dialled.</source>
        <translation>Bu bir telefon numarası değil: yalnızca rakamlar, başta bir + ile * ve # aranabilir.</translation>
    </message>
    <message>
        <source>The link is too long to be a phone number.</source>
        <translation>Bağlantı, bir telefon numarası olamayacak kadar uzun.</translation>
    </message>
    <message>
        <source>The link contains control characters.</source>
        <translation>Bağlantı kontrol karakterleri içeriyor.</translation>
    </message>
    <message>
        <source>Links starting with “{scheme}:” are not phone numbers (tel:, callto: and sip: links are).</source>
        <translation>“{scheme}:” ile başlayan bağlantılar telefon numarası değildir (tel:, callto: ve sip: bağlantıları telefon numarasıdır).</translation>
    </message>
    <message>
        <source>An international number cannot contain * or #.</source>
        <translation>Uluslararası bir numara * veya # içeremez.</translation>
    </message>
    <message>
        <source>That is not a valid international phone number.</source>
        <translation>Bu geçerli bir uluslararası telefon numarası değil.</translation>
    </message>
    <message>
        <source>That international number has the wrong length for its country.</source>
        <translation>Bu uluslararası numaranın uzunluğu, ait olduğu ülkeye uymuyor.</translation>
    </message>
    <message>
        <source>The link is encoded in a way a phone number never is.</source>
        <translation>Bağlantı, hiçbir telefon numarasında görülmeyen bir biçimde kodlanmış.</translation>
    </message>
    <message>
        <source>The link has settings a phone link cannot have.</source>
        <translation>Bağlantıda, bir telefon bağlantısında bulunamayacak ayarlar var.</translation>
    </message>
    <message>
        <source>An unexpected problem interrupted the connection to the PBX.</source>
        <translation>Beklenmeyen bir sorun santral bağlantısını kesintiye uğrattı.</translation>
    </message>
    <message>
        <source>The PBX refused the request: “{message}”</source>
        <translation>Santral isteği reddetti: “{message}”</translation>
    </message>
    <message>
        <source>The PBX refused access for this API user (HTTP {status}).</source>
        <translation>Santral bu API kullanıcısına erişim izni vermedi (HTTP {status}).</translation>
    </message>
    <message>
        <source>The PBX rejected the user name or password: “{message}”</source>
        <translation>Santral kullanıcı adını veya parolayı kabul etmedi: “{message}”</translation>
    </message>
    <message>
        <source>The PBX rejected the user name or password (HTTP {status}).</source>
        <translation>Santral kullanıcı adını veya parolayı kabul etmedi (HTTP {status}).</translation>
    </message>
    <message>
        <source>The PBX rejected the user name or password.</source>
        <translation>Santral kullanıcı adını veya parolayı kabul etmedi.</translation>
    </message>
    <message>
        <source>Announcement {position} is empty, longer than 500 characters, or contains a line break, a | or a brace.</source>
        <translation>{position}. anons boş, 500 karakterden uzun ya da satır sonu, | veya süslü parantez içeriyor.</translation>
    </message>
    <message>
        <source>The PBX&apos;s phonebook is in a format the app does not know ({detail}).</source>
        <translation>Santralin rehberi, uygulamanın tanımadığı bir biçimde ({detail}).</translation>
    </message>
    <message>
        <source>The PBX redirected the request elsewhere (HTTP {status}). Check the server address (http or https).</source>
        <translation>Santral isteği başka bir adrese yönlendirdi (HTTP {status}). Sunucu adresini kontrol edin (http mi, https mi).</translation>
    </message>
    <message>
        <source>The PBX has no API at this address (HTTP {status}). Check the server address.</source>
        <translation>Bu adreste santral API&apos;si yok (HTTP {status}). Sunucu adresini kontrol edin.</translation>
    </message>
    <message>
        <source>A proxy in front of the PBX could not reach it (HTTP {status}).</source>
        <translation>Santralin önündeki vekil sunucu (proxy) santrale ulaşamadı (HTTP {status}).</translation>
    </message>
    <message>
        <source>The PBX is unavailable at the moment (HTTP {status}).</source>
        <translation>Santral şu anda hizmet veremiyor (HTTP {status}).</translation>
    </message>
    <message>
        <source>A proxy in front of the PBX timed out (HTTP {status}).</source>
        <translation>Santralin önündeki vekil sunucu (proxy) zaman aşımına uğradı (HTTP {status}).</translation>
    </message>
    <message>
        <source>The PBX answered with an error (HTTP {status}).</source>
        <translation>Santral bir hatayla yanıt verdi (HTTP {status}).</translation>
    </message>
    <message>
        <source>The PBX&apos;s certificate is not trusted, or it is not the certificate you trusted before. Do not continue unless your administrator confirms a change.</source>
        <translation>Santralin sertifikası güvenilir değil ya da daha önce güvendiğiniz sertifika değil. Yöneticiniz bir değişikliği onaylamadıkça devam etmeyin.</translation>
    </message>
    <message>
        <source>The PBX&apos;s answer is not in the format the app expects. Check that the server address and API path lead to the IEXPBX API.</source>
        <translation>Santralin yanıtı uygulamanın beklediği biçimde değil. Sunucu adresinin ve API yolunun IEXPBX API&apos;sini gösterdiğini kontrol edin.</translation>
    </message>
    <message>
        <source>The PBX refused the request without saying why.</source>
        <translation>Santral isteği gerekçe belirtmeden reddetti.</translation>
    </message>
    <message>
        <source>The request was not sent to the PBX: some of its details are not valid.</source>
        <translation>İstek santrale gönderilmedi: bazı bilgileri geçerli değil.</translation>
    </message>
</context>
<context>
    <name>Extensions</name>
    <message>
        <source>Phone connected (answers in {ms} ms)</source>
        <translation>Telefon bağlı ({ms} ms içinde yanıt veriyor)</translation>
    </message>
    <message>
        <source>Phone connected</source>
        <translation>Telefon bağlı</translation>
    </message>
    <message>
        <source>Phone not reachable: it is off or has lost its connection</source>
        <translation>Telefona ulaşılamıyor: kapalı ya da bağlantısı kopmuş</translation>
    </message>
    <message>
        <source>No phone connected</source>
        <translation>Bağlı telefon yok</translation>
    </message>
    <message>
        <source>No phone connected ({status})</source>
        <translation>Bağlı telefon yok ({status})</translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <source>Time zone and password</source>
        <translation>Saat dilimi ve parola</translation>
    </message>
    <message>
        <source>Almost done.</source>
        <translation>Neredeyse bitti.</translation>
    </message>
    <message>
        <source>Call times from the PBX are shown in this time zone. Usually the same as this computer&apos;s.</source>
        <translation>Santralden gelen çağrı saatleri bu saat diliminde gösterilir. Genellikle bu bilgisayarınkiyle aynıdır.</translation>
    </message>
    <message>
        <source>Save the password in this computer&apos;s keyring</source>
        <translation>Parolayı bu bilgisayarın anahtarlığına kaydet</translation>
    </message>
    <message>
        <source>Keep the password only until the app quits (you will be asked again)</source>
        <translation>Parolayı yalnızca uygulama kapanana kadar tut (sonra yeniden sorulur)</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Parola</translation>
    </message>
    <message>
        <source>PBX time zone:</source>
        <translation>Santral saat dilimi:</translation>
    </message>
    <message>
        <source>Checking the keyring…</source>
        <translation>Anahtarlık denetleniyor…</translation>
    </message>
    <message>
        <source>Choose a time zone from the list.</source>
        <translation>Listeden bir saat dilimi seçin.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>IEXPBX Desktop setup</source>
        <translation>IEXPBX Desktop kurulumu</translation>
    </message>
    <message>
        <source>Cancel setup?</source>
        <translation>Kurulum iptal edilsin mi?</translation>
    </message>
    <message>
        <source>Nothing you entered is saved. You can connect to your PBX later in Settings.</source>
        <translation>Girdiğiniz hiçbir şey kaydedilmez. Santralinize daha sonra Ayarlar&apos;dan bağlanabilirsiniz.</translation>
    </message>
    <message>
        <source>&amp;Cancel setup</source>
        <translation>Kurulumu &amp;iptal et</translation>
    </message>
    <message>
        <source>C&amp;ontinue setup</source>
        <translation>Kuruluma &amp;devam et</translation>
    </message>
</context>
<context>
    <name>GeneralSettings</name>
    <message>
        <source> s</source>
        <translation> sn</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Sistemle aynı</translation>
    </message>
    <message>
        <source>A new language applies after a restart.</source>
        <translation>Yeni dil, uygulama yeniden başlatıldığında geçerli olur.</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Açık</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Koyu</translation>
    </message>
    <message>
        <source>Start in the tray without showing the window</source>
        <translation>Pencereyi göstermeden sistem tepsisinde başlat</translation>
    </message>
    <message>
        <source>Start when I log in to this computer</source>
        <translation>Bu bilgisayarda oturum açtığımda başlat</translation>
    </message>
    <message>
        <source>Look and start-up</source>
        <translation>Görünüm ve başlangıç</translation>
    </message>
    <message>
        <source> min</source>
        <translation> dk</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Refresh and storage</source>
        <translation>Yenileme ve depolama</translation>
    </message>
    <message>
        <source>Refresh live calls every:</source>
        <translation>Canlı çağrıları yenileme aralığı:</translation>
    </message>
    <message>
        <source>When minimised and no call is live:</source>
        <translation>Simge durumundayken ve canlı çağrı yokken:</translation>
    </message>
    <message>
        <source>Refresh the phonebook every:</source>
        <translation>Rehberi yenileme aralığı:</translation>
    </message>
    <message>
        <source>Keep recordings for replay, up to:</source>
        <translation>Tekrar dinlemek için saklanan kayıtlar, en çok:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Dil:</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Tema:</translation>
    </message>
</context>
<context>
    <name>HistoryChart</name>
    <message>
        <source>Answered</source>
        <translation>Cevaplanan</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Cevapsız</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Meşgul</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Başarısız</translation>
    </message>
    <message>
        <source>{count} ({percent}%)</source>
        <translation>{count} (%{percent})</translation>
    </message>
    <message>
        <source>calls</source>
        <translation>çağrı</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>cevaplanan</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>cevapsız</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>meşgul</translation>
    </message>
    <message>
        <source>average talk</source>
        <translation>ortalama konuşma</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Çağrı</translation>
    </message>
    <message>
        <source>Calls by outcome</source>
        <translation>Sonuca göre çağrılar</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>Saat</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Gün</translation>
    </message>
    <message>
        <source>{when} · {outcome}: {count}</source>
        <translation>{when} · {outcome}: {count}</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Time</source>
        <translation>Zaman</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Yön</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Arayan</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Aranan</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Süre</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Sonuç</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Kuyruk</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Kayıt</translation>
    </message>
    <message>
        <source>Custom data</source>
        <translation>Özel veri</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Gelen</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>Giden</translation>
    </message>
    <message>
        <source>Internal</source>
        <translation>Dahili</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Cevaplandı</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Cevapsız</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Meşgul</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Başarısız</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Evet</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Hayır</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>Start of the period</source>
        <translation>Dönemin başlangıcı</translation>
    </message>
    <message>
        <source>End of the period</source>
        <translation>Dönemin sonu</translation>
    </message>
    <message>
        <source>Quick period</source>
        <translation>Hızlı dönem seçimi</translation>
    </message>
    <message>
        <source>Custom period</source>
        <translation>Özel dönem</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Bugün</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Dün</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Bu hafta</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Son 7 gün</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Bu ay</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>Geçen ay</translation>
    </message>
    <message>
        <source>Any number</source>
        <translation>Tüm numaralar</translation>
    </message>
    <message>
        <source>Ask the PBX only for calls from or to this number</source>
        <translation>Santralden yalnızca bu numaradan gelen veya bu numaraya giden çağrıları iste</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numara</translation>
    </message>
    <message>
        <source>Include IVR data</source>
        <translation>IVR verilerini ekle</translation>
    </message>
    <message>
        <source>Also fetch what callers entered in voice menus</source>
        <translation>Arayanların sesli menülerde tuşladıklarını da getir</translation>
    </message>
    <message>
        <source>&amp;Load</source>
        <translation>Yü&amp;kle</translation>
    </message>
    <message>
        <source>Saved 1 call to {file}.</source>
        <translation>1 çağrı {file} dosyasına kaydedildi.</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Yön</translation>
    </message>
    <message>
        <source>All directions</source>
        <translation>Tüm yönler</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Gelen</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>Giden</translation>
    </message>
    <message>
        <source>Internal</source>
        <translation>Dahili</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Sonuç</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>Tüm sonuçlar</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Cevaplandı</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Cevapsız</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Meşgul</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Başarısız</translation>
    </message>
    <message>
        <source>Search the loaded calls</source>
        <translation>Yüklenen çağrılarda ara</translation>
    </message>
    <message>
        <source>A number, a name or custom data</source>
        <translation>Bir numara, bir ad veya özel veri</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>Dışa &amp;aktar…</translation>
    </message>
    <message>
        <source>Save the calls shown as CSV or Excel</source>
        <translation>Gösterilen çağrıları CSV veya Excel olarak kaydet</translation>
    </message>
    <message>
        <source>Char&amp;t</source>
        <translation>Gra&amp;fik</translation>
    </message>
    <message>
        <source>Show or hide the summary and chart</source>
        <translation>Özeti ve grafiği göster veya gizle</translation>
    </message>
    <message>
        <source>Loading progress</source>
        <translation>Yükleme ilerlemesi</translation>
    </message>
    <message>
        <source>No calls from or to {number} in the last 30 days.</source>
        <translation>Son 30 günde {number} numarasından gelen ya da bu numaraya giden çağrı yok.</translation>
    </message>
    <message>
        <source>No calls from or to {number} in this period.</source>
        <translation>Bu dönemde {number} numarasından gelen ya da bu numaraya giden çağrı yok.</translation>
    </message>
    <message>
        <source>No calls in this period.</source>
        <translation>Bu dönemde çağrı yok.</translation>
    </message>
    <message>
        <source>%v of %m days</source>
        <translation>%v / %m gün</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>İp&amp;tal</translation>
    </message>
    <message>
        <source>Stop loading; the calls loaded so far stay</source>
        <translation>Yüklemeyi durdur; şimdiye kadar yüklenen çağrılar kalır</translation>
    </message>
    <message>
        <source>Call history</source>
        <translation>Çağrı geçmişi</translation>
    </message>
    <message>
        <source>From</source>
        <comment>start of the period</comment>
        <translation>Başlangıç</translation>
    </message>
    <message>
        <source>To</source>
        <comment>end of the period</comment>
        <translation>Bitiş</translation>
    </message>
    <message>
        <source>Connect to the PBX to load the call history.</source>
        <translation>Çağrı geçmişini yüklemek için santrale bağlanın.</translation>
    </message>
    <message>
        <source>The end of the period is before its start.</source>
        <translation>Dönemin sonu, başlangıcından önce.</translation>
    </message>
    <message>
        <source>Loading stopped: the table holds only part of the period.</source>
        <translation>Yükleme durduruldu: tablo dönemin yalnızca bir kısmını içeriyor.</translation>
    </message>
    <message>
        <source>%v of 1 day</source>
        <translation>%v / 1 gün</translation>
    </message>
    <message>
        <source>Calls of {days} could not be loaded: {reason} Press Load to try again.</source>
        <translation>{days} tarihli çağrılar yüklenemedi: {reason} Yeniden denemek için Yükle’ye basın.</translation>
    </message>
    <message>
        <source>Choose a period and press Load.</source>
        <translation>Bir dönem seçip Yükle’ye basın.</translation>
    </message>
    <message>
        <source>CSV for Excel (*.csv)</source>
        <translation>Excel için CSV (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel çalışma kitabı (*.xlsx)</translation>
    </message>
    <message>
        <source>Export call history</source>
        <translation>Çağrı geçmişini dışa aktar</translation>
    </message>
    <message>
        <source>Saved {count} calls to {file}.</source>
        <translation>{count} çağrı {file} dosyasına kaydedildi.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zaman</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Arayan</translation>
    </message>
    <message>
        <source>From name</source>
        <translation>Arayanın adı</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Aranan</translation>
    </message>
    <message>
        <source>To name</source>
        <translation>Arananın adı</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Süre</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Kuyruk</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Kayıt</translation>
    </message>
    <message>
        <source>Custom data</source>
        <translation>Özel veri</translation>
    </message>
    <message>
        <source>Pla&amp;y recording</source>
        <translation>Kaydı ç&amp;al</translation>
    </message>
    <message>
        <source>Play the selected call&apos;s recording (Ctrl+P or double-click)</source>
        <translation>Seçili çağrının kaydını çal (Ctrl+P veya çift tıklama)</translation>
    </message>
    <message>
        <source>1 call</source>
        <translation>1 çağrı</translation>
    </message>
    <message>
        <source>{count} calls</source>
        <translation>{count} çağrı</translation>
    </message>
    <message>
        <source>{calls} · {answered} answered ({answered_pct}%) · {missed} missed ({missed_pct}%) · {busy} busy ({busy_pct}%) · average talk {talk}</source>
        <translation>{calls} · {answered} cevaplandı (%{answered_pct}) · {missed} cevapsız (%{missed_pct}) · {busy} meşgul (%{busy_pct}) · ortalama konuşma {talk}</translation>
    </message>
</context>
<context>
    <name>IncomingCallCommand</name>
    <message>
        <source>The incoming-call program&apos;s arguments have an unclosed quote.</source>
        <translation>Gelen çağrı programının argümanlarında kapatılmamış bir tırnak var.</translation>
    </message>
    <message>
        <source>The incoming-call program {program} was not found.</source>
        <translation>Gelen çağrı programı {program} bulunamadı.</translation>
    </message>
    <message>
        <source>The incoming-call program {program} may not be run.</source>
        <translation>Gelen çağrı programı {program} için çalıştırma izni yok.</translation>
    </message>
    <message>
        <source>The incoming-call program {program} did not finish in time.</source>
        <translation>Gelen çağrı programı {program} zamanında bitmedi.</translation>
    </message>
    <message>
        <source>The incoming-call program {program} ended with code {code}.</source>
        <translation>Gelen çağrı programı {program} {code} koduyla sonlandı.</translation>
    </message>
    <message>
        <source>The incoming-call program {program} could not start.</source>
        <translation>Gelen çağrı programı {program} başlatılamadı.</translation>
    </message>
</context>
<context>
    <name>IvrCallDialog</name>
    <message>
        <source>IVR call</source>
        <translation>IVR araması</translation>
    </message>
    <message>
        <source>The PBX calls the number and, once answered, plays the IVR with these announcements.</source>
        <translation>Santral numarayı arar, yanıtlanınca bu anonslarla IVR&apos;ı çalar.</translation>
    </message>
    <message>
        <source>e.g. 0532 123 45 67</source>
        <translation>örn. 0532 123 45 67</translation>
    </message>
    <message>
        <source>Number to call</source>
        <translation>Aranacak numara</translation>
    </message>
    <message>
        <source>e.g. outbound</source>
        <translation>örn. outbound</translation>
    </message>
    <message>
        <source>Dial plan</source>
        <translation>Arama planı</translation>
    </message>
    <message>
        <source>The PBX&apos;s dial plan the call goes out through.</source>
        <translation>Çağrının santralden çıkacağı arama planı.</translation>
    </message>
    <message>
        <source>e.g. 7001</source>
        <translation>örn. 7001</translation>
    </message>
    <message>
        <source>IVR number</source>
        <translation>IVR numarası</translation>
    </message>
    <message>
        <source>optional, e.g. an order number</source>
        <translation>isteğe bağlı, örn. bir sipariş numarası</translation>
    </message>
    <message>
        <source>Custom data</source>
        <translation>Özel veri</translation>
    </message>
    <message>
        <source>Passed to the IVR script as ${MSTUF} and kept in the call history.</source>
        <translation>IVR betiğine ${MSTUF} olarak iletilir ve çağrı geçmişinde saklanır.</translation>
    </message>
    <message>
        <source>A sound file is named without its extension (hosgeldiniz); a text is read out by the PBX&apos;s text-to-speech.</source>
        <translation>Ses dosyası uzantısız adıyla yazılır (hosgeldiniz); metni santralin metin okuma özelliği seslendirir.</translation>
    </message>
    <message>
        <source>&amp;Number to call:</source>
        <translation>Aranacak &amp;numara:</translation>
    </message>
    <message>
        <source>&amp;Dial plan:</source>
        <translation>Arama &amp;planı:</translation>
    </message>
    <message>
        <source>&amp;IVR number:</source>
        <translation>&amp;IVR numarası:</translation>
    </message>
    <message>
        <source>Custom da&amp;ta:</source>
        <translation>Özel &amp;veri:</translation>
    </message>
    <message>
        <source>Announce&amp;ments, played in this order:</source>
        <translation>Bu sırayla çalınan anons&amp;lar:</translation>
    </message>
    <message>
        <source>Discard this call?</source>
        <translation>Bu aramadan vazgeçilsin mi?</translation>
    </message>
    <message>
        <source>The IVR call is not made and what you typed in this form is lost.</source>
        <translation>IVR araması yapılmaz ve bu forma yazdıklarınız kaybolur.</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>Aramadan &amp;vazgeç</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Düzenlemeye devam et</translation>
    </message>
</context>
<context>
    <name>KindDelegate</name>
    <message>
        <source>Kind of announcement</source>
        <translation>Anons türü</translation>
    </message>
</context>
<context>
    <name>LinkMessage</name>
    <message>
        <source>This link could not be read as a phone number, so nothing was dialled:</source>
        <translation>Bu bağlantı telefon numarası olarak okunamadı, bu yüzden hiçbir numara aranmadı:</translation>
    </message>
    <message>
        <source>Link not dialled</source>
        <translation>Bağlantı aranmadı</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Calls</source>
        <translation>Çağrı&amp;lar</translation>
    </message>
    <message>
        <source>Phonebook</source>
        <translation>Rehber</translation>
    </message>
    <message>
        <source>The phonebook from the PBX will be listed here.</source>
        <translation>Santralin rehberi burada listelenecek.</translation>
    </message>
    <message>
        <source>&amp;Phonebook</source>
        <translation>&amp;Rehber</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Çağrı geçmişi</translation>
    </message>
    <message>
        <source>Past calls will be listed here.</source>
        <translation>Geçmiş çağrılar burada listelenecek.</translation>
    </message>
    <message>
        <source>H&amp;istory</source>
        <translation>Geç&amp;miş</translation>
    </message>
    <message>
        <source>Operator panel</source>
        <translation>Operatör paneli</translation>
    </message>
    <message>
        <source>Every extension and queue will be shown here.</source>
        <translation>Tüm dahililer ve kuyruklar burada gösterilecek.</translation>
    </message>
    <message>
        <source>&amp;Operator panel</source>
        <translation>&amp;Operatör paneli</translation>
    </message>
    <message>
        <source>Calls in progress (Ctrl+1)</source>
        <translation>Süren çağrılar (Ctrl+1)</translation>
    </message>
    <message>
        <source>The PBX phonebook (Ctrl+2)</source>
        <translation>Santral rehberi (Ctrl+2)</translation>
    </message>
    <message>
        <source>Call history (Ctrl+3)</source>
        <translation>Çağrı geçmişi (Ctrl+3)</translation>
    </message>
    <message>
        <source>Extensions and queues at a glance (Ctrl+4)</source>
        <translation>Dahililer ve kuyruklar bir bakışta (Ctrl+4)</translation>
    </message>
    <message>
        <source>&amp;Dial…</source>
        <translation>&amp;Ara…</translation>
    </message>
    <message>
        <source>Call a number (Ctrl+D)</source>
        <translation>Bir numarayı ara (Ctrl+D)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>A&amp;yarlar…</translation>
    </message>
    <message>
        <source>Connection and general settings (Ctrl+,)</source>
        <translation>Bağlantı ve genel ayarlar (Ctrl+,)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Çı&amp;kış</translation>
    </message>
    <message>
        <source>&amp;About {app}</source>
        <translation>{app} &amp;hakkında</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Bul</translation>
    </message>
    <message>
        <source>Go to the search field of this tab (Ctrl+F)</source>
        <translation>Bu sekmenin arama alanına git (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Geçmiş</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Dosya</translation>
    </message>
    <message>
        <source>&amp;IVR call…</source>
        <translation>&amp;IVR araması…</translation>
    </message>
    <message>
        <source>Call a number and play it an IVR with announcements</source>
        <translation>Bir numarayı arayıp anonslu bir IVR dinlet</translation>
    </message>
    <message>
        <source>&amp;Masked callback…</source>
        <translation>&amp;Gizli numaralı bağlantı…</translation>
    </message>
    <message>
        <source>Connect two numbers without either seeing the other&apos;s number</source>
        <translation>İki numarayı, birbirlerinin numarasını görmeden bağla</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Görünüm</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Yardım</translation>
    </message>
    <message>
        <source>Demo mode: a simulated PBX with made-up calls. Nothing real is dialled.</source>
        <translation>Demo modu: örnek çağrılarla çalışan sanal bir santral. Gerçekte hiçbir numara aranmaz.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Bağlanıyor…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Çevrimiçi</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Çevrimdışı</translation>
    </message>
</context>
<context>
    <name>MissedCallsMenu</name>
    <message>
        <source>&amp;Missed calls</source>
        <translation>&amp;Cevapsız çağrılar</translation>
    </message>
    <message>
        <source>No missed calls</source>
        <translation>Cevapsız çağrı yok</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>Geri ara</translation>
    </message>
    <message>
        <source>Show all missed calls</source>
        <translation>Tüm cevapsız çağrıları göster</translation>
    </message>
    <message>
        <source>Mark all seen</source>
        <translation>Tümünü görüldü işaretle</translation>
    </message>
    <message>
        <source>Withheld number</source>
        <translation>Gizli numara</translation>
    </message>
</context>
<context>
    <name>MissedCallsModel</name>
    <message>
        <source>Time</source>
        <translation>Saat</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Ad</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numara</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Kuyruk</translation>
    </message>
    <message>
        <source>Withheld number</source>
        <translation>Gizli numara</translation>
    </message>
</context>
<context>
    <name>MissedCallsPanel</name>
    <message>
        <source>Call back</source>
        <translation>Geri ara</translation>
    </message>
    <message>
        <source>Mark all seen</source>
        <translation>Tümünü görüldü işaretle</translation>
    </message>
    <message>
        <source>No missed calls.</source>
        <translation>Cevapsız çağrı yok.</translation>
    </message>
    <message>
        <source>1 new</source>
        <translation>1 yeni</translation>
    </message>
    <message>
        <source>{count} new</source>
        <translation>{count} yeni</translation>
    </message>
</context>
<context>
    <name>NumbersPage</name>
    <message>
        <source>Country of the PBX:</source>
        <translation>Santralin ülkesi:</translation>
    </message>
    <message>
        <source>Numbers are read, shown and dialled as in this country.</source>
        <translation>Numaralar bu ülkedeki gibi okunur, gösterilir ve aranır.</translation>
    </message>
    <message>
        <source>Send numbers to the PBX:</source>
        <translation>Numaraları santrale gönder:</translation>
    </message>
    <message>
        <source>As typed</source>
        <translation>Yazıldığı gibi</translation>
    </message>
    <message>
        <source>National, with the trunk prefix</source>
        <translation>Ulusal, başında 0 (hat öneki) ile</translation>
    </message>
    <message>
        <source>International, without +</source>
        <translation>Uluslararası, + olmadan</translation>
    </message>
    <message>
        <source>The examples show what is sent when {number} is dialled.</source>
        <translation>Örnekler, {number} arandığında gönderileni gösterir.</translation>
    </message>
    <message>
        <source>Choose a country to see examples.</source>
        <translation>Örnekleri görmek için bir ülke seçin.</translation>
    </message>
    <message>
        <source>Choose the country of the PBX from the list.</source>
        <translation>Santralin ülkesini listeden seçin.</translation>
    </message>
</context>
<context>
    <name>OperatorPanel</name>
    <message>
        <source>Find an extension by name or number</source>
        <translation>Dahiliyi adına veya numarasına göre bul</translation>
    </message>
    <message>
        <source>Show only extensions whose name or number contains this text</source>
        <translation>Yalnızca adı veya numarası bu metni içeren dahilileri göster</translation>
    </message>
    <message>
        <source>Find an extension</source>
        <translation>Dahili bul</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Aramayı temizle</translation>
    </message>
    <message>
        <source>Extensions</source>
        <translation>Dahililer</translation>
    </message>
    <message>
        <source>Arrow keys move between extensions; Enter calls the chosen one.</source>
        <translation>Ok tuşları dahililer arasında gezinir; Enter seçilen dahiliyi arar.</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Kuyruklar</translation>
    </message>
    <message>
        <source>Extension not registered</source>
        <translation>Dahili kayıtlı değil</translation>
    </message>
    <message>
        <source>Extension {number} is not registered: call anyway?</source>
        <translation>{number} dahilisi kayıtlı değil: yine de aransın mı?</translation>
    </message>
    <message>
        <source>Its phone is offline, so it will most likely not ring.</source>
        <translation>Telefonu çevrim dışı; büyük olasılıkla çalmayacak.</translation>
    </message>
    <message>
        <source>No extension matches “{query}”</source>
        <translation>“{query}” ile eşleşen dahili yok</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Kayıtlı</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>Ulaşılamıyor</translation>
    </message>
    <message>
        <source>Not monitored</source>
        <translation>İzlenmiyor</translation>
    </message>
    <message>
        <source>Lagged, {ms} ms</source>
        <translation>Gecikmeli, {ms} ms</translation>
    </message>
    <message>
        <source>{ms} ms</source>
        <translation>{ms} ms</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Boşta</translation>
    </message>
    <message>
        <source>Ringing: {party}</source>
        <translation>Çalıyor: {party}</translation>
    </message>
    <message>
        <source>Talking with {party}</source>
        <translation>{party} ile görüşüyor</translation>
    </message>
    <message>
        <source>unknown number</source>
        <translation>bilinmeyen numara</translation>
    </message>
</context>
<context>
    <name>PhonebookModel</name>
    <message>
        <source>Name</source>
        <translation>Ad</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>Numaralar</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Şirket</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tür</translation>
    </message>
    <message>
        <source>Internal</source>
        <translation>Dahili</translation>
    </message>
    <message>
        <source>External</source>
        <translation>Harici</translation>
    </message>
</context>
<context>
    <name>PhonebookTab</name>
    <message>
        <source>Find a name, a company or a number</source>
        <translation>Bir isim, şirket veya numara bulun</translation>
    </message>
    <message>
        <source>Type part of a name or number; Enter calls the highlighted entry</source>
        <translation>İsmin veya numaranın bir kısmını yazın; Enter seçili kişiyi arar</translation>
    </message>
    <message>
        <source>Find in the phonebook</source>
        <translation>Rehberde bul</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Aramayı temizle</translation>
    </message>
    <message>
        <source>Ca&amp;ll</source>
        <translation>&amp;Ara</translation>
    </message>
    <message>
        <source>Call the selected entry from your phone (Enter)</source>
        <translation>Seçili kişiyi kendi telefonunuzdan arayın (Enter)</translation>
    </message>
    <message>
        <source>Cop&amp;y number</source>
        <translation>Numarayı &amp;kopyala</translation>
    </message>
    <message>
        <source>Call hi&amp;story</source>
        <translation>Ça&amp;ğrı geçmişi</translation>
    </message>
    <message>
        <source>This number&apos;s calls of the last 30 days</source>
        <translation>Bu numaranın son 30 gündeki çağrıları</translation>
    </message>
    <message>
        <source>Refresh the phonebook</source>
        <translation>Rehberi yenile</translation>
    </message>
    <message>
        <source>Copy the selected entry&apos;s number</source>
        <translation>Seçili kişinin numarasını kopyala</translation>
    </message>
    <message>
        <source>Phonebook entries</source>
        <translation>Rehber kayıtları</translation>
    </message>
    <message>
        <source>Nobody in the phonebook: Enter calls {number}</source>
        <translation>Rehberde kimse yok: Enter {number} numarasını arar</translation>
    </message>
    <message>
        <source>Nobody matches “{query}”</source>
        <translation>“{query}” ile eşleşen kimse yok</translation>
    </message>
    <message>
        <source>The first {shown} of {count} matches: type more to narrow</source>
        <translation>{count} eşleşmenin ilk {shown} tanesi: daraltmak için yazmaya devam edin</translation>
    </message>
    <message>
        <source>Which number of {name}?</source>
        <translation>{name}: hangi numara?</translation>
    </message>
</context>
<context>
    <name>PopupManager</name>
    <message>
        <source>Withheld number</source>
        <translation>Gizli numara</translation>
    </message>
    <message>
        <source>Queue: {queue}</source>
        <translation>Kuyruk: {queue}</translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation>Gelen çağrı</translation>
    </message>
</context>
<context>
    <name>PopupsPage</name>
    <message>
        <source>Bottom right</source>
        <translation>Sağ alt</translation>
    </message>
    <message>
        <source>Bottom left</source>
        <translation>Sol alt</translation>
    </message>
    <message>
        <source>Top right</source>
        <translation>Sağ üst</translation>
    </message>
    <message>
        <source>Top left</source>
        <translation>Sol üst</translation>
    </message>
    <message>
        <source>Calls from these numbers show no popup. Separate them with commas; * stands for any digits, ? for one digit.</source>
        <translation>Bu numaralardan gelen çağrılar için bildirim açılmaz. Numaraları virgülle ayırın; * herhangi sayıda rakam, ? tek bir rakam yerine geçer.</translation>
    </message>
    <message>
        <source>Incoming-call popups</source>
        <translation>Gelen çağrı bildirimleri</translation>
    </message>
    <message>
        <source>Screen corner:</source>
        <translation>Ekran köşesi:</translation>
    </message>
    <message>
        <source>Ignore calls from:</source>
        <translation>Bildirim açılmayacak numaralar:</translation>
    </message>
    <message>
        <source>Open in CRM address:</source>
        <translation>CRM&apos;de aç adresi:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Gözat…</translation>
    </message>
    <message>
        <source>Started without a shell, once for each call that rings for you. These are filled in: {placeholders}.</source>
        <translation>Size çalan her çağrı için bir kez, kabuk olmadan başlatılır. Şunlar doldurulur: {placeholders}.</translation>
    </message>
    <message>
        <source>Run a program when a call rings for me</source>
        <translation>Bana çağrı geldiğinde bir program çalıştır</translation>
    </message>
    <message>
        <source>Program:</source>
        <translation>Program:</translation>
    </message>
    <message>
        <source>Arguments:</source>
        <translation>Bağımsız değişkenler:</translation>
    </message>
    <message>
        <source>The CRM address must be a web address starting with http:// or https://.</source>
        <translation>CRM adresi http:// veya https:// ile başlayan bir web adresi olmalıdır.</translation>
    </message>
    <message>
        <source>The CRM address needs {number} where the caller&apos;s number goes.</source>
        <translation>CRM adresinde arayanın numarasının geleceği yerde {number} bulunmalıdır.</translation>
    </message>
    <message>
        <source>For {caller} it opens: {address}</source>
        <translation>{caller} için açılan adres: {address}</translation>
    </message>
    <message>
        <source>Leave it empty to hide Open in CRM; {number} is the caller&apos;s number.</source>
        <translation>CRM&apos;de aç düğmesini gizlemek için boş bırakın; {number} arayanın numarasıdır.</translation>
    </message>
    <message>
        <source>Program to start for each incoming call</source>
        <translation>Her gelen çağrıda başlatılacak program</translation>
    </message>
    <message>
        <source>“{entry}” in the ignore list is not a number or a pattern such as 0850*.</source>
        <translation>Yok sayılanlar listesindeki “{entry}” bir numara ya da 0850* gibi bir kalıp değil.</translation>
    </message>
    <message>
        <source>The ignore list is too long: keep it under 2000 characters.</source>
        <translation>Yok sayılanlar listesi çok uzun: 2000 karakterin altında tutun.</translation>
    </message>
    <message>
        <source>Choose the program to start, or clear its arguments.</source>
        <translation>Başlatılacak programı seçin ya da bağımsız değişkenlerini silin.</translation>
    </message>
    <message>
        <source>No program {program} was found on this computer.</source>
        <translation>Bu bilgisayarda {program} adlı bir program bulunamadı.</translation>
    </message>
    <message>
        <source>The arguments have a quote that is not closed.</source>
        <translation>Bağımsız değişkenlerde kapatılmamış bir tırnak var.</translation>
    </message>
    <message>
        <source>{placeholder} is not one of the placeholders listed below.</source>
        <translation>{placeholder}, aşağıda listelenen yer tutuculardan biri değil.</translation>
    </message>
</context>
<context>
    <name>QueueBoard</name>
    <message>
        <source>No queues on this PBX.</source>
        <translation>Bu santralde kuyruk yok.</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Kuyruklar</translation>
    </message>
    <message>
        <source>{name} ({number})</source>
        <translation>{name} ({number})</translation>
    </message>
    <message>
        <source>No callers waiting</source>
        <translation>Bekleyen arayan yok</translation>
    </message>
    <message>
        <source>Waiting: {count} · longest {wait}</source>
        <translation>Bekleyen: {count} · en uzun {wait}</translation>
    </message>
    <message>
        <source>{caller}: waiting {wait}</source>
        <translation>{caller}: {wait} bekliyor</translation>
    </message>
    <message>
        <source>unknown number</source>
        <translation>bilinmeyen numara</translation>
    </message>
    <message>
        <source>and {count} more</source>
        <translation>ve {count} kişi daha</translation>
    </message>
    <message>
        <source>No members</source>
        <translation>Üye yok</translation>
    </message>
    <message>
        <source>free</source>
        <translation>boşta</translation>
    </message>
    <message>
        <source>ringing</source>
        <translation>çalıyor</translation>
    </message>
    <message>
        <source>talking</source>
        <translation>görüşüyor</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>ulaşılamıyor</translation>
    </message>
</context>
<context>
    <name>RecordingPane</name>
    <message>
        <source>Download progress</source>
        <translation>İndirme ilerlemesi</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
    <message>
        <source>Stop downloading this recording</source>
        <translation>Bu kaydın indirilmesini durdur</translation>
    </message>
    <message>
        <source>Recordings can be played while connected to the PBX.</source>
        <translation>Kayıtlar santrale bağlıyken dinlenebilir.</translation>
    </message>
    <message>
        <source>Download cancelled.</source>
        <translation>İndirme iptal edildi.</translation>
    </message>
    <message>
        <source>Downloading the recording…</source>
        <translation>Kayıt indiriliyor…</translation>
    </message>
    <message>
        <source>Downloading the recording… {done} of {total}</source>
        <translation>Kayıt indiriliyor… {done} / {total}</translation>
    </message>
    <message>
        <source>Downloading the recording… {done}</source>
        <translation>Kayıt indiriliyor… {done}</translation>
    </message>
</context>
<context>
    <name>RecordingPlayer</name>
    <message>
        <source>No recording</source>
        <translation>Kayıt yok</translation>
    </message>
    <message>
        <source>Elapsed time</source>
        <translation>Geçen süre</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Uzunluk</translation>
    </message>
    <message>
        <source>Position in the recording</source>
        <translation>Kayıttaki konum</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>Oynatma hızı</translation>
    </message>
    <message>
        <source>{speed}×</source>
        <translation>{speed}×</translation>
    </message>
    <message>
        <source>&amp;Speed:</source>
        <translation>&amp;Hız:</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Ses düzeyi</translation>
    </message>
    <message>
        <source>&amp;Volume:</source>
        <translation>&amp;Ses düzeyi:</translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation>&amp;Farklı kaydet…</translation>
    </message>
    <message>
        <source>Save the recording as it came, or as WAV audio</source>
        <translation>Kaydı santralden geldiği gibi ya da WAV ses dosyası olarak kaydet</translation>
    </message>
    <message>
        <source>No sound output was found on this computer: nothing can be heard.</source>
        <translation>Bu bilgisayarda ses çıkışı bulunamadı: hiçbir şey duyulmaz.</translation>
    </message>
    <message>
        <source>Recording as it came (*.{ext})</source>
        <translation>Santralden geldiği gibi kayıt (*.{ext})</translation>
    </message>
    <message>
        <source>WAV audio (*.wav)</source>
        <translation>WAV ses dosyası (*.wav)</translation>
    </message>
    <message>
        <source>Save recording as</source>
        <translation>Kaydı farklı kaydet</translation>
    </message>
    <message>
        <source>The recording could not be saved there (the folder may be full or read-only).</source>
        <translation>Kayıt oraya kaydedilemedi (klasör dolu ya da salt okunur olabilir).</translation>
    </message>
    <message>
        <source>The recording file could not be opened.</source>
        <translation>Kayıt dosyası açılamadı.</translation>
    </message>
    <message>
        <source>This file is not a recording that can be played.</source>
        <translation>Bu dosya oynatılabilecek bir kayıt değil.</translation>
    </message>
    <message>
        <source>The recording cannot be played on this computer (is a sound output available?). Save as… keeps it for another player.</source>
        <translation>Kayıt bu bilgisayarda oynatılamıyor (bir ses çıkışı var mı?). Farklı kaydet… ile başka bir oynatıcıda dinlemek için saklayabilirsiniz.</translation>
    </message>
    <message>
        <source>This recording cannot be played (it may be damaged).</source>
        <translation>Bu kayıt oynatılamıyor (bozuk olabilir).</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Duraklat</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Oynat</translation>
    </message>
    <message>
        <source>{action} (Space)</source>
        <translation>{action} (Boşluk)</translation>
    </message>
</context>
<context>
    <name>RequestDialog</name>
    <message>
        <source>Sent to the PBX</source>
        <translation>Santrale gönderilen</translation>
    </message>
    <message>
        <source>Parameters sent, one per line</source>
        <translation>Gönderilen parametreler, satır başına bir tane</translation>
    </message>
    <message>
        <source>Query string sent, without the credentials</source>
        <translation>Gönderilen sorgu dizesi, kimlik bilgileri olmadan</translation>
    </message>
    <message>
        <source>Exactly what the app sends; the user name and password are never shown.</source>
        <translation>Uygulamanın gönderdiğinin tam kendisi; kullanıcı adı ve parola hiçbir zaman gösterilmez.</translation>
    </message>
    <message>
        <source>Nothing is sent while the form has a problem.</source>
        <translation>Formda bir sorun varken hiçbir şey gönderilmez.</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Ara</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <source>Connect to your PBX</source>
        <translation>Santralinize bağlanın</translation>
    </message>
    <message>
        <source>Enter the address of the PBX and the API user your administrator gave you.</source>
        <translation>Santralin adresini ve yöneticinizin size verdiği API kullanıcısını girin.</translation>
    </message>
    <message>
        <source>Server address:</source>
        <translation>Sunucu adresi:</translation>
    </message>
    <message>
        <source>API user name:</source>
        <translation>API kullanıcı adı:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Parola:</translation>
    </message>
</context>
<context>
    <name>ServerUrl</name>
    <message>
        <source>Enter the address of the PBX.</source>
        <translation>Santralin adresini girin.</translation>
    </message>
    <message>
        <source>The address must start with http:// or https://.</source>
        <translation>Adres http:// veya https:// ile başlamalı.</translation>
    </message>
    <message>
        <source>Do not put a user name or password in the address; enter them in their own fields.</source>
        <translation>Adrese kullanıcı adı veya parola yazmayın; bunları kendi alanlarına girin.</translation>
    </message>
    <message>
        <source>Do not put a password in the address; enter it in its own field.</source>
        <translation>Adrese parola yazmayın; parolayı kendi alanına girin.</translation>
    </message>
    <message>
        <source>The address does not contain a valid server name.</source>
        <translation>Adreste geçerli bir sunucu adı yok.</translation>
    </message>
    <message>
        <source>The port in the address is not valid.</source>
        <translation>Adresteki bağlantı noktası (port) geçerli değil.</translation>
    </message>
    <message>
        <source>This address uses plain http://: the password travels unencrypted over the network. Use https:// if the PBX supports it.</source>
        <translation>Bu adres şifrelemesiz http:// kullanıyor: parola ağda şifrelenmeden iletilir. Santral destekliyorsa https:// kullanın.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Set by your administrator</source>
        <translation>Yöneticiniz tarafından ayarlandı</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Ayarlar</translation>
    </message>
    <message>
        <source>Demo mode: connected to the built-in simulated PBX; nothing here is saved.</source>
        <translation>Demo modu: yerleşik sanal santrale bağlı; buradaki hiçbir şey kaydedilmez.</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Değişmedi</translation>
    </message>
    <message>
        <source>Enter the password first.</source>
        <translation>Önce parolayı girin.</translation>
    </message>
    <message>
        <source>Save anyway?</source>
        <translation>Yine de kaydedilsin mi?</translation>
    </message>
    <message>
        <source>Test connection failed with these settings. Save them anyway? The password saved now replaces the one in the keyring.</source>
        <translation>Bağlantı testi bu ayarlarla başarısız oldu. Yine de kaydedilsin mi? Şimdi kaydedilen parola anahtarlıktaki parolanın yerini alır.</translation>
    </message>
    <message>
        <source>Save &amp;anyway</source>
        <translation>Yine de &amp;kaydet</translation>
    </message>
    <message>
        <source>&amp;Don&apos;t save</source>
        <translation>&amp;Kaydetme</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Bağlanıyor…</translation>
    </message>
    <message>
        <source>Check the certificate below before connecting.</source>
        <translation>Bağlanmadan önce aşağıdaki sertifikayı kontrol edin.</translation>
    </message>
    <message>
        <source>Choose a time zone from the list.</source>
        <translation>Listeden bir saat dilimi seçin.</translation>
    </message>
    <message>
        <source>Co&amp;nnection</source>
        <translation>&amp;Bağlantı</translation>
    </message>
    <message>
        <source>Ca&amp;lls &amp;&amp; numbers</source>
        <translation>Çağrılar ve &amp;numaralar</translation>
    </message>
    <message>
        <source>&amp;Popups</source>
        <translation>&amp;Açılır bildirimler</translation>
    </message>
    <message>
        <source>&amp;Webhooks</source>
        <translation>&amp;Web kancaları</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>G&amp;enel</translation>
    </message>
    <message>
        <source>The user name or extension is not valid.</source>
        <translation>Kullanıcı adı veya dahili numara geçerli değil.</translation>
    </message>
    <message>
        <source>Discard your changes?</source>
        <translation>Değişiklikleriniz atılsın mı?</translation>
    </message>
    <message>
        <source>The changes you made in Settings are not saved.</source>
        <translation>Ayarlarda yaptığınız değişiklikler kaydedilmez.</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>Değişiklikleri &amp;at</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Düzenlemeye devam et</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>&amp;Show {app}</source>
        <translation>{app} penceresini &amp;göster</translation>
    </message>
    <message>
        <source>&amp;Dial…</source>
        <translation>&amp;Ara…</translation>
    </message>
    <message>
        <source>Call the number in the clip&amp;board</source>
        <translation>&amp;Panodaki numarayı ara</translation>
    </message>
    <message>
        <source>&amp;Calls</source>
        <translation>Çağrı&amp;lar</translation>
    </message>
    <message>
        <source>&amp;Phonebook</source>
        <translation>&amp;Rehber</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>Geç&amp;miş</translation>
    </message>
    <message>
        <source>P&amp;ause popups</source>
        <translation>Açılır bildirimleri &amp;duraklat</translation>
    </message>
    <message>
        <source>No incoming-call popups until you switch this off</source>
        <translation>Bu seçeneği kapatana kadar gelen çağrılar için bildirim açılmaz</translation>
    </message>
    <message>
        <source>&amp;Retry connecting</source>
        <translation>Yeniden &amp;bağlan</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>A&amp;yarlar…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Çı&amp;kış</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Çevrimiçi</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Bağlanıyor…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Çevrimdışı</translation>
    </message>
    <message>
        <source>1 missed call</source>
        <translation>1 cevapsız çağrı</translation>
    </message>
    <message>
        <source>{count} missed calls</source>
        <translation>{count} cevapsız çağrı</translation>
    </message>
    <message>
        <source>Popups paused</source>
        <translation>Açılır bildirimler duraklatıldı</translation>
    </message>
    <message>
        <source>&amp;Hide {app}</source>
        <translation>{app} penceresini &amp;gizle</translation>
    </message>
    <message>
        <source>{app} keeps running in the tray, so calls still reach you. To close it, choose Quit from the tray menu.</source>
        <translation>{app} sistem tepsisinde çalışmaya devam ediyor, böylece çağrılar size ulaşmayı sürdürür. Kapatmak için tepsi menüsünden “Çıkış”ı seçin.</translation>
    </message>
</context>
<context>
    <name>WebhooksPage</name>
    <message>
        <source>Receive call webhooks from the PBX</source>
        <translation>Santralin çağrı web kancalarını al</translation>
    </message>
    <message>
        <source>With webhooks the PBX tells this app about each call as it starts and ends, so popups come at once instead of at the next refresh.</source>
        <translation>Web kancalarıyla santral her çağrının başlayışını ve bitişini bu uygulamaya hemen bildirir; böylece bildirimler bir sonraki yenilemeyi beklemeden açılır.</translation>
    </message>
    <message>
        <source>127.0.0.1 receives only from this computer; 0.0.0.0 from every network. The PBX must reach this computer on this port (check the firewall).</source>
        <translation>127.0.0.1 yalnızca bu bilgisayardan, 0.0.0.0 tüm ağlardan alır. Santral bu bilgisayara bu port üzerinden ulaşabilmelidir (güvenlik duvarını kontrol edin).</translation>
    </message>
    <message>
        <source>Webhook receiver</source>
        <translation>Web kancası alıcısı</translation>
    </message>
    <message>
        <source>Listen on address:</source>
        <translation>Dinlenecek adres:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>The addresses to paste into the PBX panel appear here once the webhook receiver runs: enable it, save, and open Settings again.</source>
        <translation>Santral paneline yapıştırılacak adresler, web kancası alıcısı çalışınca burada görünür: etkinleştirin, kaydedin ve Ayarlar&apos;ı yeniden açın.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopyala</translation>
    </message>
    <message>
        <source>Copy the call-start URL</source>
        <translation>Çağrı başlangıcı URL&apos;sini kopyala</translation>
    </message>
    <message>
        <source>Copy the hang-up URL</source>
        <translation>Çağrı sonu URL&apos;sini kopyala</translation>
    </message>
    <message>
        <source>Call start:</source>
        <translation>Çağrı başlangıcı:</translation>
    </message>
    <message>
        <source>Hang-up:</source>
        <translation>Çağrı sonu:</translation>
    </message>
    <message>
        <source>URLs for the PBX panel</source>
        <translation>Santral paneli için URL&apos;ler</translation>
    </message>
    <message>
        <source>The call-start URL is on the clipboard.</source>
        <translation>Çağrı başlangıcı URL&apos;si panoya kopyalandı.</translation>
    </message>
    <message>
        <source>The hang-up URL is on the clipboard.</source>
        <translation>Çağrı sonu URL&apos;si panoya kopyalandı.</translation>
    </message>
    <message>
        <source>Listen on an IP address of this computer, such as 127.0.0.1 or 0.0.0.0.</source>
        <translation>Bu bilgisayarın bir IP adresini dinleyin, örneğin 127.0.0.1 veya 0.0.0.0.</translation>
    </message>
    <message>
        <source>The webhook port must be a number from {low} to {high}.</source>
        <translation>Web kancası portu {low} ile {high} arasında bir sayı olmalıdır.</translation>
    </message>
</context>
</TS>
