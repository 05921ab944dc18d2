# Cadenas de interfaz del tema predeterminado, en español.
skip-link = Ir al contenido principal
menu = Menú
main-navigation = Principal
language-switcher = Idioma
feed-title = { $site }: cambios recientes
verify-site = Verificar este sitio
contact = Contacto:
contact-page = Página de contacto
recent-changes = Cambios recientes (canal Atom)
printed-from = Impreso desde { $url }: las direcciones entre corchetes están en este sitio.
published-by = Publicado por { $organisation }. Este sitio está firmado: cada archivo puede comprobarse con la firma publicada.
published = Publicado el
last-updated = Actualizado el
on-this-page = En esta página
in-this-section = En esta sección
updated = actualizado el
everything-in-hub = Todo lo que contiene este centro
nothing-published = Todavía no se ha publicado nada en esta sección.
link-to-section = Enlace a esta sección
responses = { $count ->
    [one] { $count } respuesta
   *[other] { $count } respuestas
}
stale-translation = El original de esta página ha cambiado desde que se tradujo ({ $changed }). Esta traducción puede estar desactualizada: lea el original actual.
survey-what-is-collected = Qué se recoge
survey-required = (obligatoria)
survey-submit = Enviar y guardar mi respuesta
survey-save-again = Guardar de nuevo el archivo de respuesta
survey-new-response = Empezar una nueva respuesta
survey-open-dates = Abierta del { $opens } al { $closes }.
