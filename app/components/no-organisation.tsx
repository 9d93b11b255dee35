// The empty state of a database without any OPD: what to do next, with a link for whoever can do it.
import { Link } from '@remix-run/react'

export function NoOrganisation({ canAdmin, heading = 'Belum ada data organisasi' }: { canAdmin: boolean; heading?: string }) {
  return (
    <div className="empty">
      <h1>{heading}</h1>
      {canAdmin ? (
        <p>
          Basis data belum berisi perangkat daerah. Buat OPD dan unitnya di <Link to="/admin/organisasi">Admin › Organisasi</Link> (atau impor buku kerja organisasi dan pengguna di
          halaman itu), lalu buat akun perencanaan untuk menyusun Renstra.
        </p>
      ) : (
        <p>
          Basis data belum berisi perangkat daerah. Admin membuatnya dengan <code>npm run setup</code> lalu di halaman Admin › Organisasi; setelah itu perencanaan menyusun Renstra.
          Untuk mencoba aplikasi dengan data demo, jalankan <code>npm run db:seed</code>.
        </p>
      )}
    </div>
  )
}
