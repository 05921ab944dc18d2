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
survey-hint-single = Elija una respuesta.
survey-hint-choose-exactly = { $count ->
    [one] Elija { $count } respuesta.
   *[other] Elija { $count } respuestas.
}
survey-hint-choose-range = Elija de { $min } a { $max } respuestas.
survey-hint-choose-at-least = { $min ->
    [one] Elija al menos { $min } respuesta.
   *[other] Elija al menos { $min } respuestas.
}
survey-hint-choose-up-to = { $max ->
    [one] Elija como máximo { $max } respuesta.
   *[other] Elija hasta { $max } respuestas.
}
survey-hint-choose-any = Elija todas las que correspondan.
survey-hint-scale = Elija un punto del { $min } al { $max }.
survey-hint-number = Un número.
survey-hint-number-range = Un número del { $min } al { $max }.
survey-hint-number-at-least = Un número de al menos { $min }.
survey-hint-number-at-most = Un número de como máximo { $max }.
survey-hint-whole = Un número entero.
survey-hint-whole-range = Un número entero del { $min } al { $max }.
survey-hint-whole-at-least = Un número entero de al menos { $min }.
survey-hint-whole-at-most = Un número entero de como máximo { $max }.
survey-hint-text = { $max ->
    [one] Como máximo { $max } carácter.
   *[other] Hasta { $max } caracteres.
}
survey-rule-answered = Responda solo si respondió a la pregunta { $number }.
survey-rule-chose = Responda solo si eligió { $choices } en la pregunta { $number }.
survey-rule-choice = «{ $label }»
survey-rule-either = { $first } o { $second }
survey-error-required = Responda a esta pregunta; es obligatoria.
survey-error-not-a-number = Escriba un número, con cifras.
survey-error-not-whole = Escriba un número entero.
survey-error-too-large = Escriba un número más pequeño.
survey-error-number-range = Escriba un número del { $min } al { $max }.
survey-error-number-at-least = Escriba un número de al menos { $min }.
survey-error-number-at-most = Escriba un número de como máximo { $max }.
survey-error-too-few = Elija al menos { $min } (eligió { $count }).
survey-error-too-many = Elija como máximo { $max } (eligió { $count }).
survey-error-exclusive = «{ $label }» no se puede elegir junto con otras respuestas.
survey-error-too-long = { $count ->
    [one] Use como máximo { $max } caracteres (escribió { $count }).
   *[other] Use como máximo { $max } caracteres (escribió { $count }).
}
survey-errors-heading = { $count ->
    [one] Hay un problema en sus respuestas
   *[other] Hay { $count } problemas en sus respuestas
}
survey-question = Pregunta { $number }
survey-problem = { $question }: { $message }
survey-error-outside-dates = Esta encuesta recibe respuestas solo del { $opens } al { $closes }; sus respuestas no se guardaron.
survey-error-no-random = Este navegador no puede crear un número de respuesta aleatorio, así que no se puede crear ningún archivo de respuesta. Use otro navegador o el cuestionario en papel.
survey-error-cannot-encrypt = Esta página no puede cifrar su respuesta, así que no se guardó nada. Abra la encuesta en su dirección https://, o guarde el formulario sin conexión en su dispositivo y ábralo desde allí, o use el cuestionario en papel.
survey-saved = Gracias. Su respuesta se guardó en el archivo { $file }. Entregue este archivo al equipo de la encuesta.
survey-sending = Enviando su respuesta…
survey-sent = Gracias. Su respuesta se envió al equipo de la encuesta. También puede guardar una copia en un archivo.
survey-conflict = No se pudo enviar su respuesta: ya hay guardada otra respuesta con el mismo número. Se guardó en el archivo { $file } en su lugar. Entregue este archivo al equipo de la encuesta.
survey-refused = No se pudo enviar su respuesta, así que se guardó en el archivo { $file }. Entregue este archivo al equipo de la encuesta.
survey-refused-because = No se pudo enviar su respuesta ({ $reason }), así que se guardó en el archivo { $file }. Entregue este archivo al equipo de la encuesta.
survey-queued = Su respuesta aún no se pudo enviar. Queda guardada en este dispositivo y se enviará cuando vuelva la conexión. También se guardó una copia en el archivo { $file }.
survey-not-sent = No se pudo enviar su respuesta, así que se guardó en el archivo { $file }. Entregue este archivo al equipo de la encuesta.
survey-waiting = { $count ->
    [one] { $count } respuesta espera en este dispositivo para ser enviada.
   *[other] { $count } respuestas esperan en este dispositivo para ser enviadas.
}
survey-queued-sent = Se envió una respuesta guardada ({ $file }).
survey-queued-conflict = No se envió una respuesta guardada ({ $file }): ya hay guardada otra respuesta con el mismo número. Entregue su archivo al equipo de la encuesta.
survey-queued-refused = Se rechazó una respuesta guardada ({ $file }). Entregue su archivo al equipo de la encuesta.
survey-queued-refused-because = Se rechazó una respuesta guardada ({ $file }) ({ $reason }). Entregue su archivo al equipo de la encuesta.
escalation-routes = Las vías, en orden
escalation-step = Paso { $number }
escalation-can = Pueden
escalation-cannot = No pueden
escalation-timeframe = Cuánto tarda
escalation-who-knows = Quién se enterará
escalation-how-to-start = Cómo empezar
surveys-title = Encuestas
surveys-intro = Encuestas independientes preguntan a quienes tratan con el personal de { $organisation } cómo fueron tratados. Las respuestas son anónimas: ningún formulario pide ni registra nada que le identifique, y los resultados solo se publican como totales.
surveys-intro-no-organisation = Encuestas independientes preguntan a quienes tratan con el personal de la organización cómo fueron tratados. Las respuestas son anónimas: ningún formulario pide ni registra nada que le identifique, y los resultados solo se publican como totales.
surveys-open = Abiertas ahora
surveys-open-until = abierta hasta el { $closes }
surveys-questions = { $count ->
    [one] { $count } pregunta
   *[other] { $count } preguntas
}
surveys-save-offline = guardar el formulario sin conexión
surveys-none-open = No hay ninguna encuesta abierta en este momento.
surveys-upcoming = Próximamente
surveys-opens = se abre el { $opens }
surveys-closed = Cerradas
surveys-from-to = del { $opens } al { $closes }
surveys-none-closed = Todavía no se ha cerrado ninguna encuesta.
survey-closed = Esta encuesta está cerrada: recibió respuestas del { $opens } al { $closes }. Puede leer las preguntas, pero este formulario ya no se puede enviar.
survey-upcoming = Esta encuesta se abre el { $opens }. Puede leer las preguntas ahora; las respuestas se recogen desde ese día hasta el { $closes }.
survey-response-file = Su respuesta es un pequeño archivo que contiene exactamente cinco cosas: el nombre y la versión de esta encuesta, un número de respuesta aleatorio creado en su dispositivo, el día del envío (no la hora) y sus respuestas. Nada en él le identifica a usted ni a su dispositivo. Las preguntas que omita no figuran.
survey-response-encrypted = Su navegador cifra el archivo antes de que salga de esta página, para que solo el equipo de la encuesta pueda leerlo; quien lo transporte o lo guarde por el camino no puede.
survey-needs-javascript = Este formulario necesita JavaScript para crear su archivo de respuesta, y JavaScript está desactivado.
survey-without-javascript = Aun así puede participar: imprima esta página (se imprime como un cuestionario en papel), rellénela a mano y devuélvala, o active JavaScript y vuelva a cargar la página. Sin él, el formulario no envía nada a ninguna parte.
survey-without-javascript-to = Aun así puede participar: imprima esta página (se imprime como un cuestionario en papel), rellénela a mano y devuélvala a { $email }, o active JavaScript y vuelva a cargar la página. Sin él, el formulario no envía nada a ninguna parte.
survey-paper = Cuestionario en papel: marque una casilla por pregunta salvo que se indique otra cosa, y omita las preguntas que no le correspondan.
survey-paper-return = Devuélvalo a { $email }.
survey-required-note = Las preguntas marcadas como «obligatoria» necesitan respuesta; todas las demás son opcionales.
survey-all-optional = Todas las preguntas son opcionales.
survey-action-sends = Al enviar, su respuesta se manda al equipo de la encuesta; si falla, su navegador la guarda en un archivo para que usted lo entregue.
survey-action-saves = Al enviar, su navegador guarda su respuesta en un archivo con un nombre como { $file }.
survey-offline-link = ¿No tiene una conexión fiable donde está? { $start }Guarde este formulario como un único archivo{ $end }; funciona abierto desde el disco, sin red.
survey-offline-title = { $title } (formulario sin conexión)
survey-offline-header = formulario sin conexión · la versión en línea está en { $url }
survey-return-title = Enviar su respuesta
survey-return-email = Envíe el archivo de respuesta como adjunto a { $email }.
survey-return-page = Envíe el archivo de respuesta como indica el equipo de la encuesta en { $page }.
survey-return-hand = Entregue el archivo de respuesta al equipo de la encuesta.

# La guía para verificar el sitio (/verify/). Los comandos, nombres de archivo, nombres de
# campo y mensajes de los programas quedan en inglés: llegan como { $… } ya marcados.
verify-heading = Verificar este sitio
verify-description = Cómo comprobar, con herramientas gratuitas, que las páginas de { $site } son exactamente las que se publicaron.
verify-lead = Cada publicación de este sitio está firmada. Puede comprobar usted mismo, con herramientas gratuitas, que los archivos que tiene son exactamente los que se publicaron: que nadie los ha modificado por el camino y que no son una copia antigua que se hace pasar por nueva.
verify-how-it-works = Cómo funciona
verify-step-key = 1. Obtenga la clave pública dos veces
verify-step-list = 2. Descargue la lista de archivos
verify-step-signature = 3. Compruebe la firma
verify-step-download = 4. Descargue todos los archivos de la lista
verify-step-files = 5. Compruebe cada archivo
verify-trusted-comment = Qué le dice el comentario de confianza
verify-one-step = Todo en un solo paso
verify-how-sums = Cada publicación incluye un archivo llamado { $sums }. Enumera todos los archivos del sitio con su huella SHA-256: si cambia un solo carácter de cualquier página, su huella deja de coincidir. { $sums } está firmado a su vez con nuestra clave secreta, y la firma está en { $signature }. Solo quien posee la clave secreta puede crear una firma que coincida con la clave pública.
verify-how-programs = Necesita tres programas gratuitos: { $minisign_link }, que comprueba la firma; { $sha256sum }, que comprueba las huellas, y { $wget_link }, que descarga los archivos. { $sha256sum } viene con todos los sistemas Linux y { $wget }, con la mayoría; en macOS use { $shasum } con las mismas opciones e instale wget con un gestor de paquetes como Homebrew. Los tres funcionan también en Windows.
verify-key-download = Descargue la clave pública de este sitio: { $public_key }.
# { $start } y { $end } rodean las palabras en negrita.
verify-key-compare = Después compárela con una copia que haya obtenido { $start }por otra vía{ $end }: el sitio web principal de la organización, un anuncio en una lista de correo pública, un informe anual impreso o un colega que la haya comprobado antes. Quien pudiera manipular este sitio también podría sustituir aquí la clave; un segundo canal es lo que da sentido a la comprobación. Las dos copias deben coincidir carácter por carácter. Guarde la clave en la que confía como { $trusted } en la carpeta donde ejecutará los comandos siguientes: solo tiene que hacerlo una vez.
verify-list-download = Cree una carpeta nueva para su copia del sitio y descargue en ella la lista de huellas, { $sums_link }, y su firma, { $signature_link }:
# { $verified } y { $failed } son lo que muestra minisign, en inglés.
verify-signature-result = Si la lista de huellas es auténtica, minisign muestra { $verified }, seguido de un { $comment_start }comentario de confianza{ $comment_end } (explicado { $below_start }más abajo{ $below_end }). Cualquier otro resultado —sobre todo { $failed }— significa que la lista no se firmó con nuestra clave: no confíe en los archivos.
verify-download-explained = Cada línea de { $sums } es una huella de 64 caracteres, dos espacios y un nombre de archivo; { $cut } conserva los nombres y { $wget } descarga cada uno de esos archivos de este sitio en las mismas carpetas que en el sitio. Así se obtienen exactamente los archivos publicados, incluidos aquellos a los que no enlaza ninguna página.
# { $ok }, { $failed } y { $missing } son lo que muestra sha256sum, en inglés.
verify-files-result = Cada línea debe terminar en { $ok }, y el comando debe acabar sin ninguna advertencia. Una línea que termina en { $failed } significa que ese archivo se modificó después de publicarse; { $missing } significa que falta en su copia.
verify-comment-intro = El comentario de confianza se firma junto con las huellas, así que tampoco se puede alterar. Es una línea de campos { $fields }, por ejemplo:
verify-field-base-url = { $field }: dónde se publicó
verify-field-base-url-means = Debe ser { $url }. Si indica otra dirección, está viendo los archivos de otro sitio.
verify-field-release = { $field }: el número de publicación
verify-field-release-means = Cada nueva publicación tiene un número mayor que la anterior. Si antes ha visto un número mayor, alguien le está mostrando una copia antigua.
verify-field-built = { $field }: el momento de la generación
verify-field-built-means = Cuándo se generó esta publicación, en tiempo universal coordinado.
verify-field-files = { $field }: el número de archivos
verify-field-files-means = Cuántos archivos enumera { $sums }, para que una lista recortada no pase desapercibida.
verify-field-valid-until = { $field }: el último día válido
verify-field-valid-until-means = El último día, en tiempo universal coordinado, en que esta publicación debe aceptarse como vigente. Una copia servida después de esa fecha puede estar desactualizada, aunque su firma siga siendo correcta.
verify-field-dirty = { $field }: cambios no registrados (poco frecuente)
verify-field-dirty-means = Solo aparece cuando la publicación se generó a partir de cambios que el editor aún no había registrado en el historial del sitio. Sigue estando firmada por él, pero su número de publicación no corresponde a ninguna versión registrada del sitio.
verify-field-format-means = La versión de este formato, para el software que lo lee.
verify-candor-intro = Si tiene Candor, el programa que genera este sitio, este realiza de una vez todas las comprobaciones anteriores sobre su copia. Desde la carpeta que contiene { $trusted }:
verify-candor-also = También comprueba lo que las herramientas habituales no pueden: archivos añadidos después de la firma, una publicación más antigua que otra ya aceptada, el mismo número de publicación firmado dos veces con archivos distintos, una publicación caducada y una publicación destinada a otra dirección. Se basa en la misma clave pública, así que el paso 1 sigue siendo importante.

# La página de las direcciones desconocidas (/404.html).
not-found-heading = Página no encontrada
not-found-lead = No hay ninguna página en esta dirección. Puede que se haya trasladado, o que el enlace que siguió tenga un error tipográfico.
not-found-try = Pruebe con una de estas páginas:
not-found-home = La página de inicio de { $site }
not-found-write = Si cree que falta una página, escriba a { $email }.
# Seguido de los demás idiomas del sitio, cada uno con su propio nombre.
not-found-other-languages = Este sitio en otro idioma:

redirect-title = Trasladada: { $page }
redirect-moved = Esta página se ha trasladado a { $page }.

# La página de indicadores (kpis.html, data/kpis.yaml).
kpi-latest = Últimos resultados
# { $start } y { $end } rodean el recuento en negrita.
kpi-summary = Indicadores que alcanzaron su objetivo en su periodo más reciente: { $start }{ $met } de { $total }{ $end }.
kpi-latest-caption = El último semestre de cada indicador frente a su objetivo
kpi-indicator = Indicador
kpi-target = Objetivo
kpi-latest-value = Último valor
kpi-result = Resultado
kpi-trend = Tendencia
# { $value } es el objetivo con su unidad: «95%», «30 days».
kpi-at-most = como máximo { $value }
kpi-at-least = como mínimo { $value }
kpi-met = Cumplido
kpi-not-met = No cumplido
kpi-trend-chart = { $name }, de { $first } a { $last }; la línea discontinua es el objetivo
kpi-history = Evolución por indicador
kpi-target-at-most = Objetivo: como máximo { $value }.
kpi-target-at-least = Objetivo: como mínimo { $value }.
kpi-history-of = Evolución: { $name }
kpi-by-half-year = { $name }, por semestre
kpi-period = Periodo
kpi-actual = Valor real
kpi-none = Todavía no se ha publicado ningún indicador. Añádalos a { $file }.

heading-anchor = Enlace a esta sección
task-done = Hecho
task-not-done = Pendiente
page-topics = Temas:

history-heading = Historial de esta página
last-changed = Última modificación
history-uncommitted = Esta página tiene cambios aún no confirmados.
history-incomplete = Los cambios anteriores no están incluidos en esta copia del historial.
history-what-changed = Qué cambió en el sitio
history-revisions = { $count ->
    [one] { $count } revisión
   *[other] { $count } revisiones
}
history-separator = { ": " }
history-by = por { $author }

# Results pages (a page with `results:`).
results-questions = Preguntas
results-methods-heading = Cómo se elaboraron estas cifras
results-free-text = Las respuestas de texto libre nunca se publican. La persona encargada de la revisión las lee y da cuenta de sus temas con sus propias palabras.
results-answered = Respondieron: { $respondents }
results-answered-hidden = No se muestra cuántas personas respondieron
results-several-answers = ; se admitían varias respuestas, por lo que los porcentajes suman más del 100 %
results-median = ; mediana: { $median }
results-middle-half = ; mitad central: { $quartiles }
results-full-stop = .
results-by-answer = Según la respuesta a «{ $grouping }»
results-all-respondents = Todas las personas encuestadas
results-caption-all = { $question } — todas las personas encuestadas
results-caption-by = { $question } — según la respuesta a «{ $grouping }»
results-caption-waves = { $question } — por oleada
results-table-answer = Respuesta
results-table-answered = Respondieron
results-table-median = Mediana
results-table-middle-half = Mitad central
results-not-shown = no se muestra
results-hidden-part = no se muestra, para proteger a los grupos pequeños
results-responses-not-shown = número de respuestas no mostrado
results-range = { $low } a { $high }
results-period = de { $from } a { $to }
results-month-year = { $month } de { $year }
results-month-1 = enero
results-month-2 = febrero
results-month-3 = marzo
results-month-4 = abril
results-month-5 = mayo
results-month-6 = junio
results-month-7 = julio
results-month-8 = agosto
results-month-9 = septiembre
results-month-10 = octubre
results-month-11 = noviembre
results-month-12 = diciembre
results-chart-scale = Cada barra muestra cómo se distribuyeron las respuestas a lo largo de la escala, desde el punto más bajo, a la izquierda, hasta el más alto, a la derecha. Las mismas cifras figuran en la tabla siguiente.
results-chart-choices = Cada barra muestra la proporción de personas encuestadas que dio cada respuesta. Las mismas cifras figuran en la tabla siguiente.
results-chart-waves = Una barra por oleada, de la más antigua a la más reciente; cada una muestra cómo se distribuyeron las respuestas. Las mismas cifras figuran en la tabla siguiente.
results-provenance = Encuesta { $id }, versión { $version }; { $responses }. Resultados generados por { $generator } a partir de datos de entrada cuya huella SHA-256 es { $hash }: la misma versión aplicada a las mismas respuestas produce las mismas cifras.
results-provenance-period = Encuesta { $id }, versión { $version }; { $responses }, { $period }. Resultados generados por { $generator } a partir de datos de entrada cuya huella SHA-256 es { $hash }: la misma versión aplicada a las mismas respuestas produce las mismas cifras.
results-methods-group-size = { $size ->
    [one] No se publica ninguna cifra de la encuesta, de una pregunta ni de un grupo con menos de { $size } persona encuestada.
   *[other] No se publica ninguna cifra de la encuesta, de una pregunta ni de un grupo con menos de { $size } personas encuestadas.
}
results-methods-small-count = No se publican los recuentos de 1 a { $max }, ni tampoco un recuento al que solo le falten entre 1 y { $max } para igualar el total de su grupo.
results-methods-unanimous = { $size ->
    [one] No se muestra un grupo de menos de { $size } persona encuestada cuyos miembros dieron todos la misma respuesta, o cuyas respuestas se sitúan todas en un mismo lado de una escala, ya que ello revelaría la respuesta de cada uno de sus miembros.
   *[other] No se muestra un grupo de menos de { $size } personas encuestadas cuyos miembros dieron todos la misma respuesta, o cuyas respuestas se sitúan todas en un mismo lado de una escala, ya que ello revelaría la respuesta de cada uno de sus miembros.
}
results-methods-complementary = Se ocultan además otras cifras siempre que, de no hacerlo, una cifra oculta pudiera deducirse de todo lo publicado sobre esta encuesta, en esta publicación y en las anteriores: totales, otras tablas, otras preguntas y la dependencia entre unas preguntas y otras. Toda cifra oculta figura como «{ $hidden }», sea cual sea la regla que la ocultó.
results-methods-percentages = Los porcentajes se expresan en números enteros y se calculan sobre las personas que respondieron a la pregunta (o que pertenecen al grupo); solo se muestran junto a un recuento publicado. En las preguntas que admiten varias respuestas suman más del 100 %.
results-methods-medians = Las medianas de las escalas solo se muestran cuando no se oculta ninguna cifra de la fila. En las preguntas numéricas solo se muestra cuántas personas respondieron, nunca una mediana ni un cuartil.
results-methods-breakdowns = Los resultados se desglosan según una sola pregunta de agrupación cada vez, nunca según dos simultáneamente. Las respuestas de texto libre nunca se publican, ni siquiera su número.
# The trend page (`results: <series>`).
results-waves-compared = Oleadas comparadas
results-wave = { $title }: { $responses }, { $period }
results-not-compared = No se comparan, porque se formularon de otra manera o no en todas las oleadas:

# A revision page: one change to one page.
revision-title = { $page }: cambio del { $date }
revision-description = Qué cambió en { $page } el { $date }: { $subject }
revision-heading = { $page }: cambio del { $date }
revision-id = Revisión { $hash }
revision-page-now = La página en su estado actual
revision-why = Por qué
revision-what-changed = Qué cambió
revision-created = La página se creó en esta revisión.
revision-moved = La página se trasladó aquí desde { $from } en esta revisión.
# { $underlined } and { $struck } arrive as the words below, marked up as they look.
revision-legend = Las palabras añadidas están { $underlined }; las palabras eliminadas están { $struck }.
revision-underlined = subrayadas
revision-struck = tachadas
revision-no-diff = Esta revisión no se puede comparar palabra por palabra (no es texto o es demasiado grande).
revision-others = Otras revisiones de esta página
revision-previous = Cambio anterior, { $date }
revision-next = Cambio siguiente, { $date }
revision-incomplete = Esta copia del historial del sitio está incompleta: los cambios anteriores no se muestran.
# Read out by screen readers before each removed or added passage of a word diff.
diff-removed = Eliminado:
diff-added = Añadido:
