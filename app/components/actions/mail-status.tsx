// The admin's settings page: whether reminders also go out by e-mail on this server.
export function MailStatus({ smtp, appUrl }: { smtp: string | null; appUrl: string }) {
  return (
    <section className="card" aria-labelledby="h-mail" data-testid="mail-status">
      <h2 id="h-mail">Pengingat e-mail</h2>
      {smtp ? (
        <p>
          E-mail aktif lewat <code>{smtp}</code>: setiap pengguna yang mengisi alamat e-mail di halaman Akun menerima satu ringkasan pengingat per hari, dengan tautan ke{' '}
          <code>{appUrl}</code>.
        </p>
      ) : (
        <p className="banner banner-info">
          SMTP belum diatur: pengingat hanya tampil di aplikasi (halaman Pengingat). Untuk mengirim ringkasan harian lewat e-mail, jalankan server dengan <code>SMTP_URL</code>{' '}
          (misalnya <code>smtp://pengguna:sandi@mail.dumaikota.go.id:587</code>) dan <code>APP_URL</code> (alamat aplikasi untuk tautan di e-mail). Lihat README, bagian Pengingat.
        </p>
      )}
    </section>
  )
}
