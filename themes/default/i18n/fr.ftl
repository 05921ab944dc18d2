# Chaînes d'interface du thème par défaut, en français.
skip-link = Aller au contenu principal
menu = Menu
main-navigation = Principale
language-switcher = Langue
feed-title = { $site } : modifications récentes
verify-site = Vérifier ce site
contact = Contact :
contact-page = Page de contact
recent-changes = Modifications récentes (flux Atom)
printed-from = Imprimé depuis { $url } — les adresses entre crochets sont sur ce site.
published-by = Publié par { $organisation }. Ce site est signé : chaque fichier peut être vérifié avec la signature publiée.
published = Publié le
last-updated = Mis à jour le
on-this-page = Sur cette page
in-this-section = Dans cette section
updated = mis à jour le
everything-in-hub = Tout le contenu de ce centre
nothing-published = Rien n'a encore été publié dans cette section.
link-to-section = Lien vers cette section
responses = { $count ->
    [one] { $count } réponse
   *[other] { $count } réponses
}
stale-translation = L'original de cette page a changé depuis sa traduction ({ $changed }). Cette traduction n'est peut-être plus à jour : lisez l'original actuel.
survey-what-is-collected = Ce qui est recueilli
survey-required = (obligatoire)
survey-submit = Envoyer et enregistrer ma réponse
survey-save-again = Enregistrer à nouveau le fichier de réponse
survey-new-response = Commencer une nouvelle réponse
survey-open-dates = Ouverte du { $opens } au { $closes }.
survey-hint-single = Choisissez une réponse.
survey-hint-choose-exactly = { $count ->
    [one] Choisissez { $count } réponse.
   *[other] Choisissez { $count } réponses.
}
survey-hint-choose-range = Choisissez de { $min } à { $max } réponses.
survey-hint-choose-at-least = { $min ->
    [one] Choisissez au moins { $min } réponse.
   *[other] Choisissez au moins { $min } réponses.
}
survey-hint-choose-up-to = { $max ->
    [one] Choisissez au plus { $max } réponse.
   *[other] Choisissez jusqu'à { $max } réponses.
}
survey-hint-choose-any = Choisissez toutes les réponses qui conviennent.
survey-hint-scale = Choisissez un point de { $min } à { $max }.
survey-hint-number = Un nombre.
survey-hint-number-range = Un nombre de { $min } à { $max }.
survey-hint-number-at-least = Un nombre d'au moins { $min }.
survey-hint-number-at-most = Un nombre d'au plus { $max }.
survey-hint-whole = Un nombre entier.
survey-hint-whole-range = Un nombre entier de { $min } à { $max }.
survey-hint-whole-at-least = Un nombre entier d'au moins { $min }.
survey-hint-whole-at-most = Un nombre entier d'au plus { $max }.
survey-hint-text = { $max ->
    [one] { $max } caractère au plus.
   *[other] Jusqu'à { $max } caractères.
}
survey-rule-answered = Répondez seulement si vous avez répondu à la question { $number }.
survey-rule-chose = Répondez seulement si vous avez choisi { $choices } à la question { $number }.
survey-rule-choice = « { $label } »
survey-rule-either = { $first } ou { $second }
survey-error-required = Répondez à cette question : elle est obligatoire.
survey-error-not-a-number = Saisissez un nombre, en chiffres.
survey-error-not-whole = Saisissez un nombre entier.
survey-error-too-large = Saisissez un nombre plus petit.
survey-error-number-range = Saisissez un nombre de { $min } à { $max }.
survey-error-number-at-least = Saisissez un nombre d'au moins { $min }.
survey-error-number-at-most = Saisissez un nombre d'au plus { $max }.
survey-error-too-few = { $count ->
    [one] Choisissez au moins { $min } réponses (vous en avez choisi { $count }).
   *[other] Choisissez au moins { $min } réponses (vous en avez choisi { $count }).
}
survey-error-too-many = Choisissez au plus { $max } réponses (vous en avez choisi { $count }).
survey-error-exclusive = « { $label } » ne peut pas être choisi avec d'autres réponses.
survey-error-too-long = Écrivez au plus { $max } caractères (vous en avez écrit { $count }).
survey-errors-heading = { $count ->
    [one] Une de vos réponses pose problème
   *[other] { $count } de vos réponses posent problème
}
survey-question = Question { $number }
survey-problem = { $question } : { $message }
survey-error-outside-dates = Cette enquête reçoit des réponses du { $opens } au { $closes } seulement ; vos réponses n'ont pas été enregistrées.
survey-error-no-random = Ce navigateur ne sait pas créer de numéro de réponse aléatoire : aucun fichier de réponse ne peut être créé. Utilisez un autre navigateur ou le questionnaire papier.
survey-error-cannot-encrypt = Cette page ne peut pas chiffrer votre réponse : rien n'a été enregistré. Ouvrez l'enquête à son adresse https://, ou enregistrez le formulaire hors ligne sur votre appareil et ouvrez-le depuis celui-ci, ou utilisez le questionnaire papier.
survey-saved = Merci. Votre réponse a été enregistrée dans le fichier { $file }. Remettez ce fichier à l'équipe de l'enquête.
survey-sending = Envoi de votre réponse…
survey-sent = Merci. Votre réponse a été envoyée à l'équipe de l'enquête. Vous pouvez aussi en enregistrer une copie dans un fichier.
survey-conflict = Votre réponse n'a pas pu être envoyée : une autre réponse portant le même numéro est déjà enregistrée. Elle a été enregistrée dans le fichier { $file } à la place. Remettez ce fichier à l'équipe de l'enquête.
survey-refused = Votre réponse n'a pas pu être envoyée ; elle a donc été enregistrée dans le fichier { $file }. Remettez ce fichier à l'équipe de l'enquête.
survey-refused-because = Votre réponse n'a pas pu être envoyée ({ $reason }) ; elle a donc été enregistrée dans le fichier { $file }. Remettez ce fichier à l'équipe de l'enquête.
survey-queued = Votre réponse n'a pas encore pu être envoyée. Elle est gardée sur cet appareil et sera envoyée au retour de la connexion. Une copie a aussi été enregistrée dans le fichier { $file }.
survey-not-sent = Votre réponse n'a pas pu être envoyée ; elle a donc été enregistrée dans le fichier { $file }. Remettez ce fichier à l'équipe de l'enquête.
survey-waiting = { $count ->
    [one] { $count } réponse attend sur cet appareil d'être envoyée.
   *[other] { $count } réponses attendent sur cet appareil d'être envoyées.
}
survey-queued-sent = Une réponse gardée ({ $file }) a été envoyée.
survey-queued-conflict = Une réponse gardée ({ $file }) n'a pas été envoyée : une autre réponse portant le même numéro est déjà enregistrée. Remettez son fichier à l'équipe de l'enquête.
survey-queued-refused = Une réponse gardée ({ $file }) a été refusée. Remettez son fichier à l'équipe de l'enquête.
survey-queued-refused-because = Une réponse gardée ({ $file }) a été refusée ({ $reason }). Remettez son fichier à l'équipe de l'enquête.
escalation-routes = Les voies, dans l'ordre
escalation-step = Étape { $number }
escalation-can = Ils peuvent
escalation-cannot = Ils ne peuvent pas
escalation-timeframe = Délai
escalation-who-knows = Qui sera informé
escalation-how-to-start = Comment commencer
surveys-title = Enquêtes
surveys-intro = Des enquêtes indépendantes demandent aux personnes qui ont affaire au personnel de { $organisation } comment elles ont été traitées. Les réponses sont anonymes : aucun formulaire ne demande ni n'enregistre quoi que ce soit qui vous identifie, et les résultats ne sont publiés que sous forme de totaux.
surveys-intro-no-organisation = Des enquêtes indépendantes demandent aux personnes qui ont affaire au personnel de l'organisation comment elles ont été traitées. Les réponses sont anonymes : aucun formulaire ne demande ni n'enregistre quoi que ce soit qui vous identifie, et les résultats ne sont publiés que sous forme de totaux.
surveys-open = Ouvertes en ce moment
surveys-open-until = ouverte jusqu'au { $closes }
surveys-questions = { $count ->
    [one] { $count } question
   *[other] { $count } questions
}
surveys-save-offline = enregistrer le formulaire hors ligne
surveys-none-open = Aucune enquête n'est ouverte en ce moment.
surveys-upcoming = Bientôt
surveys-opens = ouvre le { $opens }
surveys-closed = Closes
surveys-from-to = du { $opens } au { $closes }
surveys-none-closed = Aucune enquête n'est encore close.
survey-closed = Cette enquête est close : elle a reçu des réponses du { $opens } au { $closes }. Vous pouvez lire les questions, mais ce formulaire ne peut plus être envoyé.
survey-upcoming = Cette enquête ouvre le { $opens }. Vous pouvez lire les questions dès maintenant ; les réponses sont recueillies de ce jour jusqu'au { $closes }.
survey-response-file = Votre réponse est un petit fichier qui contient exactement cinq choses : le nom et la version de cette enquête, un numéro de réponse aléatoire créé sur votre appareil, le jour de l'envoi (pas l'heure) et vos réponses. Rien dans ce fichier ne vous identifie, ni vous ni votre appareil. Les questions que vous sautez n'y figurent pas.
survey-response-encrypted = Votre navigateur chiffre le fichier avant qu'il ne quitte cette page, pour que seule l'équipe de l'enquête puisse le lire ; personne ne le peut parmi ceux qui le transportent ou le stockent en chemin.
survey-needs-javascript = Ce formulaire a besoin de JavaScript pour créer votre fichier de réponse, et JavaScript est désactivé.
survey-without-javascript = Vous pouvez tout de même participer : imprimez cette page (elle s'imprime comme un questionnaire papier), remplissez-la à la main et renvoyez-la, ou activez JavaScript et rechargez la page. Sans lui, le formulaire n'envoie rien nulle part.
survey-without-javascript-to = Vous pouvez tout de même participer : imprimez cette page (elle s'imprime comme un questionnaire papier), remplissez-la à la main et renvoyez-la à { $email }, ou activez JavaScript et rechargez la page. Sans lui, le formulaire n'envoie rien nulle part.
survey-paper = Questionnaire papier : cochez une case par question sauf indication contraire, et sautez les questions qui ne vous concernent pas.
survey-paper-return = Renvoyez-le à { $email }.
survey-required-note = Les questions marquées « obligatoire » demandent une réponse ; toutes les autres sont facultatives.
survey-all-optional = Toutes les questions sont facultatives.
survey-action-sends = Quand vous envoyez le formulaire, votre réponse est transmise à l'équipe de l'enquête ; si cela échoue, votre navigateur l'enregistre dans un fichier que vous pourrez remettre.
survey-action-saves = Quand vous envoyez le formulaire, votre navigateur enregistre votre réponse dans un fichier nommé comme { $file }.
survey-offline-link = Pas de connexion fiable là où vous êtes ? { $start }Enregistrez ce formulaire en un seul fichier{ $end } ; il fonctionne ouvert depuis le disque, sans réseau.
survey-offline-title = { $title } (formulaire hors ligne)
survey-offline-header = formulaire hors ligne · la version en ligne est à l'adresse { $url }
survey-return-title = Envoyer votre réponse
survey-return-email = Envoyez le fichier de réponse en pièce jointe à { $email }.
survey-return-page = Envoyez le fichier de réponse comme l'équipe de l'enquête le demande sur { $page }.
survey-return-hand = Remettez le fichier de réponse à l'équipe de l'enquête.

# Le guide pour vérifier le site (/verify/). Commandes, noms de fichiers, noms de champs et
# messages des programmes restent en anglais : ils arrivent en placeables { $… } déjà balisés.
verify-heading = Vérifier ce site
verify-description = Comment vérifier, avec des outils gratuits, que les pages de { $site } sont exactement celles qui ont été publiées.
verify-lead = Chaque publication de ce site est signée. Vous pouvez vérifier vous-même, avec des outils gratuits, que les fichiers dont vous disposez sont exactement ceux qui ont été publiés : que personne ne les a modifiés en chemin, et qu'il ne s'agit pas d'une ancienne copie présentée comme récente.
verify-how-it-works = Principe
verify-step-key = 1. Obtenir la clé publique, deux fois
verify-step-list = 2. Télécharger la liste des fichiers
verify-step-signature = 3. Vérifier la signature
verify-step-download = 4. Télécharger chaque fichier de la liste
verify-step-files = 5. Vérifier chaque fichier
verify-trusted-comment = Ce que vous apprend le commentaire de confiance
verify-one-step = Tout faire en une seule étape
verify-how-sums = Chaque publication est accompagnée d'un fichier nommé { $sums }. Il liste tous les fichiers du site avec leur empreinte SHA-256 : changez un seul caractère d'une page, et son empreinte ne correspond plus. { $sums } est lui-même signé avec notre clé secrète, et la signature se trouve dans { $signature }. Seul le détenteur de la clé secrète peut produire une signature qui corresponde à la clé publique.
verify-how-programs = Il vous faut trois programmes gratuits : { $minisign_link }, qui vérifie la signature, { $sha256sum }, qui vérifie les empreintes, et { $wget_link }, qui télécharge les fichiers. { $sha256sum } est fourni avec tout système Linux, et { $wget } avec la plupart ; sous macOS, utilisez { $shasum } avec les mêmes options, et installez wget avec un gestionnaire de paquets comme Homebrew. Les trois fonctionnent aussi sous Windows.
verify-key-download = Téléchargez la clé publique depuis ce site : { $public_key }.
# { $start } et { $end } encadrent les mots en gras.
verify-key-compare = Comparez-la ensuite avec une copie obtenue { $start }par un autre moyen{ $end } : le site principal de l'organisation, une annonce sur une liste de diffusion publique, un rapport annuel imprimé, ou un collègue qui l'a vérifiée avant vous. Quelqu'un qui pourrait altérer ce site pourrait aussi y remplacer la clé ; c'est ce second canal qui donne son sens à la vérification. Les deux copies doivent être identiques au caractère près. Enregistrez la clé en laquelle vous avez confiance sous le nom { $trusted } dans le dossier où vous lancerez les commandes ci-dessous : il suffit de le faire une fois.
verify-list-download = Créez un nouveau dossier pour votre copie du site, et téléchargez-y la liste des empreintes, { $sums_link }, et sa signature, { $signature_link } :
# { $verified } et { $failed } sont ce qu'affiche minisign, en anglais.
verify-signature-result = Si la liste des empreintes est authentique, minisign affiche { $verified }, suivi d'un { $comment_start }commentaire de confiance{ $comment_end } (expliqué { $below_start }plus bas{ $below_end }). Tout autre résultat — surtout { $failed } — signifie que la liste n'a pas été signée avec notre clé : ne faites pas confiance aux fichiers.
verify-download-explained = Chaque ligne de { $sums } contient une empreinte de 64 caractères, deux espaces et un nom de fichier ; { $cut } garde les noms, et { $wget } télécharge chacun de ces fichiers depuis ce site, dans les mêmes dossiers que sur le site. Vous obtenez ainsi exactement les fichiers publiés, y compris ceux vers lesquels aucune page ne renvoie.
# { $ok }, { $failed } et { $missing } sont ce qu'affiche sha256sum, en anglais.
verify-files-result = Chaque ligne doit se terminer par { $ok }, et la commande doit s'achever sans avertissement. Une ligne qui se termine par { $failed } signifie que ce fichier a été modifié après sa publication ; { $missing } signifie qu'il manque dans votre copie.
verify-comment-intro = Le commentaire de confiance est signé avec les empreintes : il ne peut donc pas être modifié non plus. C'est une ligne de champs { $fields }, par exemple :
verify-field-base-url = { $field } : l'adresse où la publication a été mise en ligne
verify-field-base-url-means = Elle doit être { $url }. Si elle indique une autre adresse, vous avez sous les yeux les fichiers d'un autre site.
verify-field-release = { $field } : le numéro de publication
verify-field-release-means = Chaque nouvelle publication porte un numéro plus élevé que la précédente. Si vous avez déjà vu un numéro plus élevé, quelqu'un vous présente une ancienne copie.
verify-field-built = { $field } : l'heure de construction
verify-field-built-means = Le moment où cette publication a été produite, en temps universel coordonné.
verify-field-files = { $field } : le nombre de fichiers
verify-field-files-means = Le nombre de fichiers que liste { $sums }, pour qu'une liste raccourcie ne passe pas inaperçue.
verify-field-valid-until = { $field } : le dernier jour de validité
verify-field-valid-until-means = Le dernier jour, en temps universel coordonné, où cette publication doit être acceptée comme la publication en vigueur. Une copie servie après cette date est peut-être périmée, même si sa signature reste correcte.
verify-field-dirty = { $field } : modifications non enregistrées (rare)
verify-field-dirty-means = Présent seulement quand la publication a été construite à partir de modifications que l'éditeur n'avait pas encore enregistrées dans l'historique du site. Elle reste signée par lui, mais son numéro de publication ne correspond à aucune version enregistrée du site.
verify-field-format-means = La version de cette présentation, pour les logiciels qui la lisent.
verify-candor-intro = Si vous avez Candor, le programme qui construit ce site, il effectue en une fois toutes les vérifications ci-dessus sur votre copie. Depuis le dossier qui contient { $trusted } :
verify-candor-also = Il vérifie aussi ce que les outils courants ne peuvent pas vérifier : des fichiers ajoutés après la signature, une publication plus ancienne qu'une autre déjà acceptée, un même numéro de publication signé deux fois avec des fichiers différents, une publication expirée, et une publication destinée à une autre adresse. Il s'appuie sur la même clé publique : l'étape 1 reste donc essentielle.

# La page des adresses inconnues (/404.html).
not-found-heading = Page introuvable
not-found-lead = Il n'y a aucune page à cette adresse. Elle a peut-être été déplacée, ou le lien que vous avez suivi contient une faute de frappe.
not-found-try = Essayez plutôt l'une de ces pages :
not-found-home = Page d'accueil du site « { $site } »
not-found-write = Si vous pensez qu'une page manque, écrivez à { $email }.
# Suivi des autres langues du site, chacune nommée dans sa propre langue.
not-found-other-languages = Ce site dans une autre langue :

redirect-title = Déplacée : { $page }
redirect-moved = Cette page a été déplacée vers { $page }.

# La page des indicateurs (kpis.html, data/kpis.yaml).
kpi-latest = Derniers résultats
# { $start } et { $end } encadrent le décompte en gras.
kpi-summary = { $met ->
    [one] { $start }{ $met } indicateur sur { $total }{ $end } a atteint sa cible sur sa période la plus récente.
   *[other] { $start }{ $met } indicateurs sur { $total }{ $end } ont atteint leur cible sur leur période la plus récente.
}
kpi-latest-caption = Le dernier semestre de chaque indicateur, comparé à sa cible
kpi-indicator = Indicateur
kpi-target = Cible
kpi-latest-value = Dernière valeur
kpi-result = Résultat
kpi-trend = Tendance
# { $value } est la cible avec son unité : « 95% », « 30 days ».
kpi-at-most = au plus { $value }
kpi-at-least = au moins { $value }
kpi-met = Atteint
kpi-not-met = Non atteint
kpi-trend-chart = { $name }, de { $first } à { $last } ; la ligne pointillée est la cible
kpi-history = Historique par indicateur
kpi-target-at-most = Cible : au plus { $value }.
kpi-target-at-least = Cible : au moins { $value }.
kpi-history-of = Historique : { $name }
kpi-by-half-year = { $name }, par semestre
kpi-period = Période
kpi-actual = Réalisé
kpi-none = Aucun indicateur n'a encore été publié. Ajoutez-les à { $file }.

heading-anchor = Lien vers cette section
task-done = Fait
task-not-done = À faire
page-topics = Thèmes :

history-heading = Historique de cette page
last-changed = Dernière modification le
history-uncommitted = Cette page a des modifications pas encore enregistrées.
history-incomplete = Les modifications plus anciennes ne figurent pas dans cette copie de l’historique.
history-what-changed = Ce qui a changé sur le site
history-revisions = { $count ->
    [one] { $count } version
   *[other] { $count } versions
}
history-separator = { " : " }
history-by = par { $author }

# Pages de résultats (une page avec `results:`).
results-questions = Questions
results-methods-heading = Comment ces chiffres ont été produits
results-free-text = Les réponses libres ne sont jamais publiées. L'évaluateur les lit et en rapporte les thèmes avec ses propres mots.
results-answered = { $respondents } ont répondu
results-answered-hidden = Le nombre de répondants n'est pas affiché
results-several-answers = { " ; " }plusieurs réponses étaient possibles, les parts dépassent donc 100 % au total
results-median = { " ; " }médiane { $median }
results-middle-half = { " ; " }moitié centrale { $quartiles }
results-full-stop = .
results-by-answer = Selon la réponse à « { $grouping } »
results-all-respondents = Tous les répondants
results-caption-all = { $question } — tous les répondants
results-caption-by = { $question } — selon la réponse à « { $grouping } »
results-caption-waves = { $question } — chaque vague
results-table-answer = Réponse
results-table-answered = Ont répondu
results-table-median = Médiane
results-table-middle-half = Moitié centrale
results-not-shown = non affiché
results-hidden-part = non affiché, pour protéger les petits groupes
results-responses-not-shown = nombre de réponses non affiché
results-range = { $low } à { $high }
results-period = { $from } à { $to }
results-month-year = { $month } { $year }
results-month-1 = janvier
results-month-2 = février
results-month-3 = mars
results-month-4 = avril
results-month-5 = mai
results-month-6 = juin
results-month-7 = juillet
results-month-8 = août
results-month-9 = septembre
results-month-10 = octobre
results-month-11 = novembre
results-month-12 = décembre
results-chart-scale = Chaque barre montre comment les réponses se répartissent sur l'échelle, du point le plus bas à gauche au plus haut à droite. Les mêmes chiffres figurent dans le tableau ci-dessous.
results-chart-choices = Chaque barre montre la part des répondants qui ont donné chaque réponse. Les mêmes chiffres figurent dans le tableau ci-dessous.
results-chart-waves = Une barre par vague, de la plus ancienne à la plus récente ; chacune montre comment les réponses se répartissent. Les mêmes chiffres figurent dans le tableau ci-dessous.
results-provenance = Enquête { $id }, version { $version } ; { $responses }. Produit par { $generator } à partir de données dont l'empreinte SHA-256 est { $hash } : la même version appliquée aux mêmes réponses donne les mêmes chiffres.
results-provenance-period = Enquête { $id }, version { $version } ; { $responses }, { $period }. Produit par { $generator } à partir de données dont l'empreinte SHA-256 est { $hash } : la même version appliquée aux mêmes réponses donne les mêmes chiffres.
results-methods-group-size = Aucun chiffre n'est publié pour l'enquête, une question ou un groupe de moins de { $size } répondants.
results-methods-small-count = Les effectifs de 1 à { $max } ne sont pas publiés, ni un effectif égal à tout son groupe moins 1 à { $max } personnes.
results-methods-unanimous = Un groupe de moins de { $size } répondants qui ont tous donné la même réponse, ou dont les réponses se situent toutes d'un même côté d'une échelle, n'est pas montré, car cela révélerait la réponse de chacun de ses membres.
results-methods-complementary = D'autres chiffres sont masqués partout où un chiffre masqué pourrait sinon être déduit de tout ce qui est publié sur cette enquête, dans cette publication et les précédentes : totaux, autres tableaux, autres questions, et liens entre les questions. Chaque chiffre masqué porte la mention « { $hidden } », quelle que soit la règle qui l'a masqué.
results-methods-percentages = Les pourcentages sont des nombres entiers de personnes ayant répondu à la question (ou appartenant au groupe), montrés seulement à côté d'un effectif publié. Pour les questions qui admettent plusieurs réponses, leur total dépasse 100 %.
results-methods-medians = Les médianes des échelles ne sont montrées que si aucun chiffre de la ligne n'est masqué. Pour les questions numériques, seul le nombre de répondants est montré, jamais une médiane ni un quartile.
results-methods-breakdowns = Les résultats sont ventilés selon une seule question de regroupement à la fois, jamais deux. Les réponses libres ne sont jamais publiées, pas même leur nombre.
results-waves-compared = Vagues comparées
results-wave = { $title } : { $responses }, { $period }
results-not-compared = Non comparées, parce qu'elles ont été posées différemment ou pas dans chaque vague :

# A revision page: one change to one page.
revision-title = { $page } : modification du { $date }
revision-description = Ce qui a changé sur la page « { $page } » le { $date } : { $subject }
revision-heading = { $page } : modification du { $date }
revision-id = Version { $hash }
revision-page-now = La page dans sa version actuelle
revision-why = Pourquoi
revision-what-changed = Ce qui a changé
revision-created = La page a été créée dans cette version.
revision-moved = La page a été déplacée ici depuis { $from } dans cette version.
# { $underlined } and { $struck } arrive as the words below, marked up as they look.
revision-legend = Les mots ajoutés sont { $underlined } ; les mots supprimés sont { $struck }.
revision-underlined = soulignés
revision-struck = barrés
revision-no-diff = Cette version ne peut pas être comparée mot à mot (il ne s'agit pas de texte, ou elle est trop volumineuse).
revision-others = Autres versions de cette page
revision-previous = Modification précédente, { $date }
revision-next = Modification suivante, { $date }
revision-incomplete = Cette copie de l'historique du site est incomplète : les modifications plus anciennes n'y figurent pas.
# Read out by screen readers before each removed or added passage of a word diff.
diff-removed = Supprimé :
diff-added = Ajouté :
