# Строки интерфейса темы по умолчанию, на русском языке.
skip-link = Перейти к основному содержанию
menu = Меню
main-navigation = Основная навигация
language-switcher = Язык
feed-title = { $site }: последние изменения
verify-site = Проверить этот сайт
contact = Контакт:
contact-page = Страница контактов
recent-changes = Последние изменения (лента Atom)
printed-from = Напечатано с { $url } — адреса в скобках находятся на этом сайте.
published-by = Опубликовано: { $organisation }. Сайт подписан: каждый файл можно проверить по опубликованной подписи.
published = Опубликовано
last-updated = Обновлено
on-this-page = На этой странице
in-this-section = В этом разделе
updated = обновлено
everything-in-hub = Всё, что есть в этом центре
nothing-published = В этом разделе пока ничего не опубликовано.
link-to-section = Ссылка на этот раздел
responses = { $count ->
    [one] { $count } ответ
    [few] { $count } ответа
    [many] { $count } ответов
   *[other] { $count } ответа
}
stale-translation = Оригинал этой страницы изменился после перевода ({ $changed }). Перевод может быть устаревшим: прочитайте текущий оригинал.
survey-what-is-collected = Что собирается
survey-required = (обязательно)
survey-submit = Отправить и сохранить мой ответ
survey-save-again = Сохранить файл ответа ещё раз
survey-new-response = Начать новый ответ
survey-open-dates = Открыт с { $opens } по { $closes }.
survey-hint-single = Выберите один ответ.
survey-hint-choose-exactly = { $count ->
    [one] Выберите { $count } ответ.
    [few] Выберите { $count } ответа.
   *[other] Выберите { $count } ответов.
}
survey-hint-choose-range = Выберите от { $min } до { $max } ответов.
survey-hint-choose-at-least = Выберите не менее { $min }.
survey-hint-choose-up-to = Выберите не более { $max }.
survey-hint-choose-any = Выберите все подходящие ответы.
survey-hint-scale = Выберите одну оценку от { $min } до { $max }.
survey-hint-number = Число.
survey-hint-number-range = Число от { $min } до { $max }.
survey-hint-number-at-least = Число не меньше { $min }.
survey-hint-number-at-most = Число не больше { $max }.
survey-hint-whole = Целое число.
survey-hint-whole-range = Целое число от { $min } до { $max }.
survey-hint-whole-at-least = Целое число не меньше { $min }.
survey-hint-whole-at-most = Целое число не больше { $max }.
survey-hint-text = { $max ->
    [one] Не более { $max } символа.
   *[other] Не более { $max } символов.
}
survey-rule-answered = Отвечайте, только если вы ответили на вопрос { $number }.
survey-rule-chose = Отвечайте, только если в вопросе { $number } вы выбрали { $choices }.
survey-rule-choice = «{ $label }»
survey-rule-either = { $first } или { $second }
survey-error-required = Ответьте на этот вопрос: он обязательный.
survey-error-not-a-number = Введите число цифрами.
survey-error-not-whole = Введите целое число.
survey-error-too-large = Введите число поменьше.
survey-error-number-range = Введите число от { $min } до { $max }.
survey-error-number-at-least = Введите число не меньше { $min }.
survey-error-number-at-most = Введите число не больше { $max }.
survey-error-too-few = { $count ->
    [one] Выберите не менее { $min } (выбран { $count }).
   *[other] Выберите не менее { $min } (выбрано { $count }).
}
survey-error-too-many = { $count ->
    [one] Выберите не более { $max } (выбран { $count }).
   *[other] Выберите не более { $max } (выбрано { $count }).
}
survey-error-exclusive = Ответ «{ $label }» нельзя выбрать вместе с другими.
survey-error-too-long = { $count ->
    [one] Не более { $max } символов (вы написали { $count } символ).
    [few] Не более { $max } символов (вы написали { $count } символа).
   *[other] Не более { $max } символов (вы написали { $count } символов).
}
survey-errors-heading = { $count ->
    [one] В ваших ответах { $count } ошибка
    [few] В ваших ответах { $count } ошибки
   *[other] В ваших ответах { $count } ошибок
}
survey-question = Вопрос { $number }
survey-problem = { $question }: { $message }
survey-error-outside-dates = Этот опрос принимает ответы только с { $opens } по { $closes }; ваши ответы не сохранены.
survey-error-no-random = Этот браузер не может создать случайный номер ответа, поэтому файл ответа создать нельзя. Воспользуйтесь другим браузером или бумажной анкетой.
survey-error-cannot-encrypt = Эта страница не может зашифровать ваш ответ, поэтому ничего не сохранено. Откройте опрос по его адресу https://, или сохраните офлайн-форму на устройство и откройте её оттуда, или воспользуйтесь бумажной анкетой.
survey-saved = Спасибо. Ваш ответ сохранён в файле { $file }. Передайте этот файл команде опроса.
survey-sending = Ваш ответ отправляется…
survey-sent = Спасибо. Ваш ответ отправлен команде опроса. Вы также можете сохранить его копию в файл.
survey-conflict = Ваш ответ не удалось отправить: другой ответ с тем же номером уже сохранён. Вместо этого он сохранён в файле { $file }. Передайте этот файл команде опроса.
survey-refused = Ваш ответ не удалось отправить, поэтому он сохранён в файле { $file }. Передайте этот файл команде опроса.
survey-refused-because = Ваш ответ не удалось отправить ({ $reason }), поэтому он сохранён в файле { $file }. Передайте этот файл команде опроса.
survey-queued = Ваш ответ пока не удалось отправить. Он сохранён на этом устройстве и будет отправлен, когда появится связь. Копия также сохранена в файле { $file }.
survey-not-sent = Ваш ответ не удалось отправить, поэтому он сохранён в файле { $file }. Передайте этот файл команде опроса.
survey-waiting = { $count ->
    [one] { $count } ответ ждёт отправки на этом устройстве.
    [few] { $count } ответа ждут отправки на этом устройстве.
   *[other] { $count } ответов ждут отправки на этом устройстве.
}
survey-queued-sent = Сохранённый ответ ({ $file }) отправлен.
survey-queued-conflict = Сохранённый ответ ({ $file }) не отправлен: другой ответ с тем же номером уже сохранён. Передайте его файл команде опроса.
survey-queued-refused = Сохранённый ответ ({ $file }) отклонён. Передайте его файл команде опроса.
survey-queued-refused-because = Сохранённый ответ ({ $file }) отклонён ({ $reason }). Передайте его файл команде опроса.
escalation-routes = Пути по порядку
escalation-step = Шаг { $number }
escalation-can = Они могут
escalation-cannot = Они не могут
escalation-timeframe = Сколько это занимает
escalation-who-knows = Кто узнает
escalation-how-to-start = С чего начать
surveys-title = Опросы
surveys-intro = Независимые опросы спрашивают людей, имеющих дело с персоналом { $organisation }, как с ними обращались. Ответы анонимны: ни одна форма не запрашивает и не записывает ничего, что указывает на вас, а результаты публикуются только в виде итогов.
surveys-intro-no-organisation = Независимые опросы спрашивают людей, имеющих дело с персоналом организации, как с ними обращались. Ответы анонимны: ни одна форма не запрашивает и не записывает ничего, что указывает на вас, а результаты публикуются только в виде итогов.
surveys-open = Открыты сейчас
surveys-open-until = открыт до { $closes }
surveys-questions = { $count ->
    [one] { $count } вопрос
    [few] { $count } вопроса
   *[other] { $count } вопросов
}
surveys-save-offline = сохранить офлайн-форму
surveys-none-open = Сейчас нет открытых опросов.
surveys-upcoming = Скоро
surveys-opens = открывается { $opens }
surveys-closed = Завершены
surveys-from-to = с { $opens } по { $closes }
surveys-none-closed = Завершённых опросов пока нет.
survey-closed = Этот опрос завершён: ответы принимались с { $opens } по { $closes }. Вы можете прочитать вопросы, но отправить эту форму уже нельзя.
survey-upcoming = Этот опрос открывается { $opens }. Вопросы можно прочитать уже сейчас; ответы принимаются с этого дня по { $closes }.
survey-response-file = Ваш ответ — это небольшой файл, в котором ровно пять вещей: название и версия опроса, случайный номер ответа, созданный на вашем устройстве, день отправки (без времени) и ваши ответы. Ничто в нём не указывает ни на вас, ни на ваше устройство. Пропущенные вопросы в него не попадают.
survey-response-encrypted = Ваш браузер шифрует файл, прежде чем он покинет эту страницу, так что прочитать его может только команда опроса; те, кто передаёт или хранит его по пути, — не могут.
survey-needs-javascript = Этой форме нужен JavaScript, чтобы создать файл ответа, а JavaScript отключён.
survey-without-javascript = Вы всё равно можете принять участие: распечатайте эту страницу (она печатается как бумажная анкета), заполните её от руки и верните, или включите JavaScript и перезагрузите страницу. Без него форма ничего никуда не отправляет.
survey-without-javascript-to = Вы всё равно можете принять участие: распечатайте эту страницу (она печатается как бумажная анкета), заполните её от руки и верните по адресу { $email }, или включите JavaScript и перезагрузите страницу. Без него форма ничего никуда не отправляет.
survey-paper = Бумажная анкета: отметьте по одному варианту в каждом вопросе, если не сказано иное, и пропустите вопросы, которые к вам не относятся.
survey-paper-return = Верните её по адресу { $email }.
survey-required-note = На вопросы с пометкой «обязательный» нужно ответить; все остальные — по желанию.
survey-all-optional = Все вопросы — по желанию.
survey-action-sends = При отправке ваш ответ передаётся команде опроса; если это не удастся, браузер сохранит его в файл, который вы сможете передать.
survey-action-saves = При отправке браузер сохраняет ваш ответ в файл с именем вида { $file }.
survey-offline-link = Нет надёжной связи? { $start }Сохраните эту форму одним файлом{ $end }: она работает, открытая с диска, без сети.
survey-offline-title = { $title } (офлайн-форма)
survey-offline-header = офлайн-форма · онлайн-версия находится по адресу { $url }
survey-return-title = Как отправить ответ
survey-return-email = Отправьте файл ответа вложением по адресу { $email }.
survey-return-page = Отправьте файл ответа так, как просит команда опроса на странице { $page }.
survey-return-hand = Передайте файл ответа команде опроса.

heading-anchor = Ссылка на этот раздел
task-done = Сделано
task-not-done = Не сделано
page-topics = Темы:

history-heading = История этой страницы
last-changed = Последнее изменение
history-uncommitted = На этой странице есть незафиксированные изменения.
history-incomplete = Более ранние изменения не включены в эту копию истории.
history-what-changed = Что изменилось на сайте
history-revisions = { $count ->
    [one] { $count } редакция
    [few] { $count } редакции
   *[many] { $count } редакций
}
history-separator = { ": " }
history-by = автор: { $author }

# Results pages (a page with `results:`).
results-questions = Вопросы
results-methods-heading = Как получены эти цифры
results-free-text = Ответы в свободной форме никогда не публикуются. Проверяющий читает их и излагает их основные темы своими словами.
results-answered = Ответили: { $respondents }
results-answered-hidden = Число ответивших не показано
results-several-answers = ; допускалось несколько ответов, поэтому сумма долей превышает 100 %
results-median = ; медиана: { $median }
results-middle-half = ; средняя половина: { $quartiles }
results-full-stop = .
results-by-answer = По ответу на вопрос «{ $grouping }»
results-all-respondents = Все респонденты
results-caption-all = { $question } — все респонденты
results-caption-by = { $question } — по ответу на вопрос «{ $grouping }»
results-caption-waves = { $question } — по волнам
results-table-answer = Ответ
results-table-answered = Ответили
results-table-median = Медиана
results-table-middle-half = Средняя половина
results-not-shown = не показано
results-hidden-part = не показано, чтобы защитить малые группы
results-responses-not-shown = число ответов не показано
results-range = от { $low } до { $high }
results-period = { $from } — { $to }
results-month-year = { $month } { $year }
results-month-1 = январь
results-month-2 = февраль
results-month-3 = март
results-month-4 = апрель
results-month-5 = май
results-month-6 = июнь
results-month-7 = июль
results-month-8 = август
results-month-9 = сентябрь
results-month-10 = октябрь
results-month-11 = ноябрь
results-month-12 = декабрь
results-chart-scale = Каждая полоса показывает, как ответы распределились по шкале: от самого низкого значения слева до самого высокого справа. Те же цифры приведены в таблице ниже.
results-chart-choices = Каждая полоса показывает долю респондентов, давших тот или иной ответ. Те же цифры приведены в таблице ниже.
results-chart-waves = По одной полосе на каждую волну, начиная с самой ранней; каждая показывает, как распределились ответы. Те же цифры приведены в таблице ниже.
results-provenance = Опрос { $id }, версия { $version }; { $responses }. Результаты получены с помощью { $generator } из входных данных с хешем SHA-256 { $hash }: та же версия, применённая к тем же ответам, даёт те же цифры.
results-provenance-period = Опрос { $id }, версия { $version }; { $responses }, { $period }. Результаты получены с помощью { $generator } из входных данных с хешем SHA-256 { $hash }: та же версия, применённая к тем же ответам, даёт те же цифры.
results-methods-group-size = { $size ->
    [one] Никакие цифры не публикуются по опросу, вопросу или группе, в которых меньше { $size } респондента.
   *[other] Никакие цифры не публикуются по опросу, вопросу или группе, в которых меньше { $size } респондентов.
}
results-methods-small-count = Не публикуются количества от 1 до { $max }, а также количество, которое меньше численности своей группы на величину от 1 до { $max }.
results-methods-unanimous = { $size ->
    [one] Группа, в которой меньше { $size } респондента и все дали одинаковый ответ или все ответы лежат по одну сторону шкалы, не показывается, поскольку это раскрыло бы ответ каждого её участника.
   *[other] Группа, в которой меньше { $size } респондентов и все дали одинаковый ответ или все ответы лежат по одну сторону шкалы, не показывается, поскольку это раскрыло бы ответ каждого её участника.
}
results-methods-complementary = Скрываются и другие цифры везде, где иначе скрытую цифру можно было бы вычислить по всему, что опубликовано об этом опросе в данном и предыдущих выпусках: по итогам, другим таблицам, другим вопросам и связям между вопросами. Каждая скрытая цифра обозначена как «{ $hidden }», каким бы правилом она ни была скрыта.
results-methods-percentages = Проценты — целые числа, рассчитанные от числа ответивших на вопрос (или входящих в группу); они показываются только рядом с опубликованным количеством. В вопросах, допускающих несколько ответов, их сумма превышает 100 %.
results-methods-medians = Медианы шкал показываются, только если в строке не скрыта ни одна цифра. Для числовых вопросов показывается только число ответивших — никогда не медиана и не квартили.
results-methods-breakdowns = Результаты разбиваются только по одному группирующему вопросу за раз, никогда по двум одновременно. Ответы в свободной форме никогда не публикуются, как и их число.
# The trend page (`results: <series>`).
results-waves-compared = Сравниваемые волны
results-wave = { $title }: { $responses }, { $period }
results-not-compared = Не сравниваются, поскольку задавались по-разному или не во всех волнах:

# A revision page: one change to one page.
revision-title = { $page }: изменение от { $date }
revision-description = Что изменилось на странице «{ $page }» { $date }: { $subject }
revision-heading = { $page }: изменение от { $date }
revision-id = Редакция { $hash }
revision-page-now = Страница в текущей редакции
revision-why = Почему
revision-what-changed = Что изменилось
revision-created = Страница была создана в этой редакции.
revision-moved = В этой редакции страница была перемещена сюда из { $from }.
# { $underlined } and { $struck } arrive as the words below, marked up as they look.
revision-legend = Добавленные слова { $underlined }; удалённые слова { $struck }.
revision-underlined = подчёркнуты
revision-struck = зачёркнуты
revision-no-diff = Эту редакцию нельзя сравнить пословно (это не текст или она слишком велика).
revision-others = Другие редакции этой страницы
revision-previous = Предыдущее изменение, { $date }
revision-next = Следующее изменение, { $date }
revision-incomplete = Эта копия истории сайта неполна: более ранние изменения не показаны.
# Read out by screen readers before each removed or added passage of a word diff.
diff-removed = Удалено:
diff-added = Добавлено:
